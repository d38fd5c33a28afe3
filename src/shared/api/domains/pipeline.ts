import { z } from 'zod';
import { method } from '../define';
import { Job } from './jobs';
import { replayPathProblem } from './replay-path';

const empty = z.object({}).strict();

export const IncidentSpec = z
  .object({
    kind: z.enum(['processor_outage', 'fraud_attack', 'latency_spike']),
    target: z.string().min(1),
    durationMinutes: z.number().positive().max(10_080),
    startsAgoMinutes: z.number().positive().optional(),
  })
  .strict();
export type IncidentSpec = z.infer<typeof IncidentSpec>;

/** Rows per layer, from the commit log (cheap to read at any size). */
export const LayerCounts = z.object({
  bronze: z.number(),
  silver: z.number(),
  quarantine: z.number(),
  batches: z.number(),
  /** A live stream's retries generated with their first attempt and waiting for their time. */
  pendingRetries: z.number(),
});
export type LayerCounts = z.infer<typeof LayerCounts>;

/** Silver's headline totals: pushed as kpis.changed after each batch, and answered by pipeline.kpis on demand. */
export const SilverKpis = z.object({
  totalTransactions: z.number(),
  approvedCount: z.number(),
  approvalRatePct: z.number().nullable(),
  newestEventAt: z.string().nullable(),
});
export type SilverKpis = z.infer<typeof SilverKpis>;

export const LiveStatus = z.object({
  /** The stream's job: its summary is pipeline.liveResult once it has stopped. */
  jobId: z.string().nullable().optional(),
  runKey: z.string(),
  state: z.enum(['running', 'paused', 'stopped']),
  rate: z.number(),
  batches: z.number(),
  events: z.number(),
  eventsPerSecond: z.number(),
  freshnessMs: z.number().nullable(),
});
export type LiveStatus = z.infer<typeof LiveStatus>;

export const BackfillStatus = z.object({
  /** The backfill's job: cancel it with jobs.cancel. */
  jobId: z.string().nullable(),
  runKey: z.string().nullable(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  eventsDone: z.number(),
  eventsTotal: z.number(),
  eventsPerSecond: z.number(),
  message: z.string().nullable(),
});
export type BackfillStatus = z.infer<typeof BackfillStatus>;

export const PipelineStatus = z.object({ live: LiveStatus.nullable(), backfill: BackfillStatus.nullable(), layers: LayerCounts });
export type PipelineStatus = z.infer<typeof PipelineStatus>;

export const ExpectationRow = z.object({
  batchId: z.number(),
  source: z.string(),
  committedAt: z.string(),
  expectation: z.string(),
  action: z.enum(['drop', 'warn']),
  passed: z.number(),
  failed: z.number(),
});
export type ExpectationRow = z.infer<typeof ExpectationRow>;

export const GoldCount = z.object({ view: z.string(), rows: z.number(), elapsedMs: z.number() });
export type GoldCount = z.infer<typeof GoldCount>;

const RATE = 'must be between 1 and 200,000 events per second';
const FAULT_RATE = 'must be between 0 and 0.5 (data-quality faults per event)';

/**
 * A simulated backfill's settings, validated here, once, for every client. The messages are clauses
 * so a client can put its own name for the field first (`--events must be…` in the CLI).
 */
export const StartBackfillInput = z
  .object({
    events: z
      .number({ message: 'must be a number' })
      .int('must be a positive whole number')
      .positive('must be a positive whole number')
      .max(2_000_000_000, 'must be at most 2,000,000,000'),
    days: z
      .number({ message: 'must be a number' })
      .gt(0, 'must be more than 0 and at most 3650')
      .max(3650, 'must be more than 0 and at most 3650'),
    seed: z.number({ message: 'must be a number' }).int('must be a whole number ≥ 0').nonnegative('must be a whole number ≥ 0'),
    start: z.string().datetime({ offset: true, message: 'must be a date such as 2026-01-01 or 2026-01-01T00:00:00Z' }).optional(),
    incidents: z.array(IncidentSpec).max(3, 'takes at most 3 incidents').optional(),
    faultRate: z.number({ message: 'must be a number' }).min(0, FAULT_RATE).max(0.5, FAULT_RATE).optional(),
    /** Events per committed batch (a multiple of 3: the simulator writes events in groups of three). */
    batchSize: z
      .number({ message: 'must be a number' })
      .int('must be a positive multiple of 3')
      .positive('must be a positive multiple of 3')
      .multipleOf(3, 'must be a positive multiple of 3')
      .optional(),
  })
  .strict();
export type StartBackfillInput = z.infer<typeof StartBackfillInput>;

export const StartLiveInput = z
  .object({
    rate: z.number({ message: 'must be a number' }).min(1, RATE).max(200_000, RATE),
    seed: z.number({ message: 'must be a number' }).int('must be a whole number ≥ 0').nonnegative('must be a whole number ≥ 0').optional(),
    incidents: z.array(IncidentSpec).max(3, 'takes at most 3 incidents').optional(),
    faultRate: z.number({ message: 'must be a number' }).min(0, FAULT_RATE).max(0.5, FAULT_RATE).optional(),
  })
  .strict();
export type StartLiveInput = z.infer<typeof StartLiveInput>;

/** What a backfill or a live stream put where, read back from the commit log (a resumed run reports everything). */
export const RunSummary = z.object({
  runKey: z.string(),
  events_generated: z.number(),
  bronze: z.number(),
  silver: z.number(),
  quarantined: z.record(z.string(), z.number()),
  quarantined_total: z.number(),
  warned: z.number(),
  approval_rate_pct: z.number().nullable(),
  batches: z.number(),
  elapsed_seconds: z.number(),
  events_per_second: z.number(),
  peak_rss_mb: z.number(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** A live stream's summary when it has stopped: the run's totals, with the mode and the rate it ended at. */
export const LiveSummary = RunSummary.extend({ mode: z.literal('live'), rate: z.number() });
export type LiveSummary = z.infer<typeof LiveSummary>;

const JobIdInput = z.object({ jobId: z.string().min(1).max(200) }).strict();

/** A recorded file to replay: one path, a glob (`landing/*.parquet`) or a folder; validated here, once, for every client. */
export const ReplayFileInput = z
  .object({
    path: z
      .string()
      .trim()
      .min(1, 'name a .csv, .jsonl or .parquet file, a glob or a folder')
      .max(4096)
      .superRefine((path, ctx) => {
        const problem = path === '' ? null : replayPathProblem(path);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    /** Replay at the recording's pace (1 = original speed, 60 = a minute per second); omitted: as fast as possible. */
    speed: z
      .number({ message: 'must be a number' })
      .gt(0, 'must be a number above 0 and at most 1,000,000 (1 = original speed)')
      .max(1_000_000, 'must be a number above 0 and at most 1,000,000 (1 = original speed)')
      .optional(),
  })
  .strict();
export type ReplayFileInput = z.infer<typeof ReplayFileInput>;

/** What a finished file replay put where: rows per layer, quarantine reasons and the file's problems. */
export const FileReplayResult = RunSummary.extend({
  file: z.string(),
  format: z.string(),
  problems: z.array(z.object({ file: z.string().optional(), line: z.number().nullable(), problem: z.string() })),
  problems_total: z.number(),
  warnings: z.array(z.string()),
  files: z
    .array(
      z.object({
        file: z.string(),
        status: z.enum(['ingested', 'failed']),
        records: z.number().optional(),
        message: z.string().optional(),
      }),
    )
    .optional(),
});
export type FileReplayResult = z.infer<typeof FileReplayResult>;

export const pipelineMethods = {
  'pipeline.status': method(empty, PipelineStatus, 'The live stream, the running backfill and the row counts per layer.'),
  'pipeline.kpis': method(
    empty,
    SilverKpis,
    "Silver's headline totals now (what the last kpis.changed said), for a page opened between batches.",
  ),
  'pipeline.goldCounts': method(empty, z.object({ views: z.array(GoldCount) }), 'Row count of every gold view (and how long each took).'),
  'pipeline.expectations': method(
    z.object({ limit: z.number().int().positive().max(1000).optional() }).strict(),
    z.object({ rows: z.array(ExpectationRow) }),
    'The data-quality report: each expectation of the most recent batches, passed and failed.',
  ),
  'pipeline.startBackfill': method(
    StartBackfillInput,
    BackfillStatus,
    'Starts a simulated backfill as a job; jobs.cancel stops it after its current batch (rerun to resume).',
  ),
  'pipeline.replayFile': method(
    ReplayFileInput,
    z.object({ job: Job }),
    'Replays a recorded file (or a glob or folder of them) through bronze → silver as a job; cancel it with jobs.cancel.',
  ),
  'pipeline.backfillResult': method(
    JobIdInput,
    RunSummary.nullable(),
    "A finished backfill's summary (null while it runs); a failed or cancelled backfill answers with its error.",
  ),
  'pipeline.fileReplayResult': method(
    JobIdInput,
    FileReplayResult.nullable(),
    "A finished file replay's result (null while it runs); a failed replay answers with its error.",
  ),
  'pipeline.startLive': method(StartLiveInput, LiveStatus, 'Starts (or resumes) the live stream at a rate in events per second.'),
  'pipeline.liveResult': method(
    JobIdInput,
    LiveSummary.nullable(),
    "A live stream's summary once it has stopped (null while it streams); a stream that failed answers with its error.",
  ),
  'pipeline.pauseLive': method(empty, LiveStatus.nullable(), 'Pauses the live stream.'),
  'pipeline.resumeLive': method(empty, LiveStatus.nullable(), 'Resumes a paused live stream.'),
  'pipeline.setLiveRate': method(
    z.object({ rate: z.number({ message: 'must be a number' }).min(1, RATE).max(200_000, RATE) }).strict(),
    LiveStatus,
    'Changes the live stream rate.',
  ),
  'pipeline.stopLive': method(empty, LiveStatus.nullable(), 'Stops the live stream after its current micro-batch.'),
} as const;
