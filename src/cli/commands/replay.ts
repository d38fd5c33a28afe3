import { Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { AppError } from '../../shared/errors';
import type { FileReplayResult, Job, MethodInput } from '../../shared/api';
import { parseIncident, type Incident } from '../../core/simulator/incidents';
import { callApi, checkInput, followJob, underFlag, type ApiCore, type FlagNames } from '../api-client';
import { reportError } from '../errors';
import { FILE_REPLAY_MEMORY_LIMIT, openCore } from '../open-core';

/** The flags of pipeline.replayFile's fields, for its refusals. */
const FILE_FLAGS = { path: '--file', speed: '--speed' };
/** The flags of pipeline.startBackfill's and pipeline.startLive's fields. */
const RUN_FLAGS: FlagNames = {
  events: '--events',
  days: '--days',
  seed: '--seed',
  start: '--start',
  incidents: '--incident',
  faultRate: '--fault-rate',
  batchSize: '--batch-size',
  rate: '--rate',
};

type BackfillInput = MethodInput<'pipeline.startBackfill'>;
type LiveInput = MethodInput<'pipeline.startLive'>;

interface ReplayFlags {
  db?: string;
  events?: string;
  days: string;
  start?: string;
  seed: string;
  rate?: string;
  duration?: string;
  file?: string;
  speed?: string;
  incident: Incident[];
  faultRate: string;
  batchSize?: string;
}

/** `medallion replay`: simulate a backfill, stream live, or replay a recorded file (SPEC §8). */
export function replayCommand(): Command {
  return new Command('replay')
    .description('simulate/backfill events or replay a recorded file into the local medallion pipeline')
    .option('--db <path>', 'database file (default: the app database in the user-data folder)')
    .option('--events <n>', 'events to simulate (backfill)', undefined)
    .option('--days <d>', 'days the backfill spans, ending now (or from --start)', '30')
    .option('--start <date>', 'start of the backfill window, e.g. 2026-01-01 (default: it ends now)')
    .option('--seed <n>', 'random seed: the same seed and settings give the same events', '1')
    .option('--rate <r>', 'stream live at R events per second instead of a backfill')
    .option('--duration <seconds>', 'stop the live stream after this many seconds (default: Ctrl-C)')
    .option('--file <path>', "replay a recorded .csv, .jsonl or .parquet file, a glob ('landing/*.parquet') or a folder of them")
    .option(
      '--speed <x>',
      "with --file: replay at the recording's pace, 1 = original speed, 60 = a minute per second (default: as fast as possible)",
    )
    .option(
      '--incident <spec>',
      'inject an incident, kind:target:duration[@ago] (repeatable), e.g. processor_outage:ProcessorB:45m',
      (v: string, all: Incident[]) => [...all, underFlag('--incident', () => parseIncident(v))],
      [] as Incident[],
    )
    .option('--fault-rate <f>', 'data-quality faults per event (0..0.5)', '0.002')
    .addOption(new Option('--batch-size <n>', 'events per committed batch (a multiple of 3)').hideHelp())
    .action(async (flags: ReplayFlags) => {
      const mode = flags.file ? 'file' : flags.rate ? 'live' : 'backfill';
      try {
        if (flags.file && (flags.events || flags.rate))
          throw new AppError('INVALID_INPUT', '--file replays a recording; do not combine it with --events or --rate.');
        if (flags.speed !== undefined && !flags.file)
          throw new AppError('INVALID_INPUT', '--speed paces a file replay; use it with --file (a live stream takes --rate).');
        const speed = flags.speed === undefined ? undefined : number(flags.speed, '--speed');
        // Refused before the database is opened: the contract's schema (a recording's extension, a glob or a folder), each field named by its flag.
        if (flags.file) checkInput('pipeline.replayFile', { path: flags.file, speed }, FILE_FLAGS);
        const backfill = mode === 'backfill' ? backfillInput(flags) : undefined;
        if (backfill) checkInput('pipeline.startBackfill', backfill, RUN_FLAGS);
        const live = mode === 'live' ? liveInput(flags) : undefined;
        if (live) {
          checkInput('pipeline.startLive', live, RUN_FLAGS);
          if (flags.duration !== undefined && !(number(flags.duration, '--duration') > 0))
            throw new AppError('INVALID_INPUT', `--duration must be a positive number of seconds, not "${flags.duration}".`);
        }
        const core = await openCore(flags.db, 'cli', mode === 'file' ? FILE_REPLAY_MEMORY_LIMIT : undefined);
        try {
          const summary = live
            ? await liveJob(core, live, flags.duration === undefined ? undefined : number(flags.duration, '--duration'))
            : backfill
              ? await backfillJob(core, backfill)
              : await replayFileJob(core, flags.file!, speed);
          if (isFileResult(summary)) {
            if (summary.problems_total > 0) printProblems(summary.file, summary.problems, summary.problems_total);
            for (const w of summary.warnings) process.stderr.write(`warning: ${w}\n`);
          }
          process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
        } finally {
          await core.close();
        }
      } catch (error) {
        reportError(error);
      }
    });
}

/** A file replay through the contract (`pipeline.replayFile`), followed to its end; Ctrl-C cancels it (committed batches stay, a rerun resumes). */
async function replayFileJob(core: ApiCore, file: string, speed: number | undefined) {
  const { job } = await callApi(core, 'pipeline.replayFile', { path: file, speed }, FILE_FLAGS);
  const bar = jobProgressBar('records');
  const end = await followJob(core, job, bar.update);
  bar.stop();
  if (end.state === 'cancelled') throw new AppError('CANCELLED', end.error ?? 'The file replay was cancelled; run it again to resume.');
  const result = await callApi(core, 'pipeline.fileReplayResult', { jobId: job.id });
  if (!result) throw new AppError('INTERNAL', 'The file replay ended without a result.');
  return result;
}

/** A progress bar on stderr (a terminal only) for a job's `{ message, done, total }`. */
function jobProgressBar(unit: string): { update: (job: Job) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `{bar} {percentage}% | {value}/{total} ${unit} | {message}`,
    hideCursor: true,
  });
  let started = false;
  return {
    update: (job) => {
      const { done, total, message } = job.progress;
      if (!started) bar.start(total ?? 0, 0, { message });
      started = true;
      if (total !== null) bar.setTotal(total);
      bar.update(done, { message });
    },
    stop: () => started && bar.stop(),
  };
}

/** pipeline.startBackfill's input from the flags; --start is read as a date here, the rest is checked by the contract. */
function backfillInput(flags: ReplayFlags): BackfillInput {
  return {
    events: flags.events === undefined ? 1_000_000 : number(flags.events, '--events'),
    days: number(flags.days, '--days'),
    seed: number(flags.seed, '--seed'),
    ...(flags.start === undefined ? {} : { start: isoDate(flags.start) }),
    ...(flags.incident.length > 0 ? { incidents: flags.incident } : {}),
    faultRate: number(flags.faultRate, '--fault-rate'),
    ...(flags.batchSize === undefined ? {} : { batchSize: number(flags.batchSize, '--batch-size') }),
  };
}

function liveInput(flags: ReplayFlags): LiveInput {
  return {
    rate: number(flags.rate!, '--rate'),
    seed: number(flags.seed, '--seed'),
    ...(flags.incident.length > 0 ? { incidents: flags.incident } : {}),
    faultRate: number(flags.faultRate, '--fault-rate'),
  };
}

function isoDate(text: string): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new AppError('INVALID_INPUT', '--start must be a date such as 2026-01-01 or 2026-01-01T00:00:00Z.');
  return date.toISOString();
}

function number(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new AppError('INVALID_INPUT', `${flag} must be a number, not "${text}".`);
  return n;
}

/** A backfill through the contract (`pipeline.startBackfill`), followed to its end; Ctrl-C cancels it (committed batches stay, a rerun resumes). */
async function backfillJob(core: ApiCore, input: BackfillInput) {
  const { jobId } = await callApi(core, 'pipeline.startBackfill', input, RUN_FLAGS);
  if (!jobId) throw new AppError('INTERNAL', 'The backfill started without a job.');
  const bar = jobProgressBar('events');
  const end = await followJob(core, await jobOf(core, jobId, 'pipeline.backfill'), bar.update);
  bar.stop();
  // Cancelled mid-statement or between batches: what is committed stays either way, and a rerun resumes.
  if (end.state === 'cancelled')
    throw new AppError('CANCELLED', 'The backfill was cancelled; run it again with the same settings to resume.');
  const result = await callApi(core, 'pipeline.backfillResult', { jobId });
  if (!result) throw new AppError('INTERNAL', 'The backfill ended without a summary.');
  return result;
}

/**
 * A live stream through the contract (`pipeline.startLive`) until --duration has passed (stopLive)
 * or Ctrl-C (jobs.cancel, through followJob) or SIGTERM; then its summary (`pipeline.liveResult`).
 */
async function liveJob(core: ApiCore, input: LiveInput, seconds: number | undefined) {
  const status = await callApi(core, 'pipeline.startLive', input, RUN_FLAGS);
  if (!status.jobId) throw new AppError('INTERNAL', 'The live stream started without a job.');
  const stop = () => void callApi(core, 'pipeline.stopLive', {}).catch(() => undefined);
  const timer = seconds === undefined ? undefined : setTimeout(stop, seconds * 1000);
  process.once('SIGTERM', stop);
  try {
    await followJob(core, await jobOf(core, status.jobId, 'pipeline.live'), (job) => {
      if (process.stderr.isTTY)
        process.stderr.write(`\rlive: ${job.progress.done.toLocaleString('en-US')} events, ${job.progress.message}   `);
    });
  } finally {
    clearTimeout(timer);
    process.off('SIGTERM', stop);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const result = await callApi(core, 'pipeline.liveResult', { jobId: status.jobId });
  if (!result) throw new AppError('INTERNAL', 'The live stream stopped without a summary.');
  return result;
}

/** The job a start answered with, as the job list has it now. */
async function jobOf(core: ApiCore, id: string, kind: Job['kind']): Promise<Job> {
  const job = (await callApi(core, 'jobs.list', { kind })).jobs.find((j) => j.id === id);
  if (!job) throw new AppError('INTERNAL', `The job ${id} is not in the job list.`);
  return job;
}

function isFileResult(summary: object): summary is FileReplayResult {
  return 'problems' in summary;
}

function printProblems(file: string, problems: { file?: string; line: number | null; problem: string }[], total: number): void {
  for (const p of problems)
    process.stderr.write(`${p.file ?? file}${p.line === null ? '' : ` line ${p.line}`}: ${p.problem} (quarantined)\n`);
  if (total > problems.length) process.stderr.write(`… and ${total - problems.length} more problem records, all in payments_quarantine\n`);
}
