import type {
  BackfillStatus,
  EventPayload,
  ExpectationRow,
  FileReplayResult,
  GoldCount,
  Job,
  LayerCounts,
  LiveStatus,
  LiveSummary,
  ReplayFileInput,
  RunSummary,
  SilverKpis,
  StartBackfillInput,
  StartLiveInput,
} from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../api/event-bus';
import type { Engine } from '../engine/engine';
import type { Incident } from '../simulator/incidents';
import expectationsSql from './batch/recent_expectations.sql?raw';
import layersSql from './batch/layer_counts.sql?raw';
import type { JobContext, JobRegistry } from '../jobs/job-registry';
import { FileReplayJobs } from './file-replay-jobs';
import { JobResults } from './job-results';
import { LiveStream, type LiveStatus as StreamStatus } from './live';
import { replay, type ReplayProgress } from './replay';
import { summariseRun } from './summary';
import { validateIncident } from '../simulator/incidents';
import { ensurePipelineSchema, GOLD_VIEWS } from './schema';

const EMIT_EVERY_MS = 200;
/** Backfill and live stream share one key: they would race on the commit log. */
const PIPELINE_KEY = 'pipeline';

/**
 * The app's pipeline: one background job at a time, a backfill or a live stream (they would race
 * on the commit log), both run as jobs; progress and KPI totals pushed through core.events.
 */
export class PipelineService {
  private live?: LiveStream;
  private liveStarting?: Promise<void>;
  private liveJob?: JobContext;
  private liveJobId?: string;
  private backfill: BackfillStatus | null = null;
  /** What the running backfill was asked for: the same start again joins it, another one is refused. */
  private backfillAsked = '';
  private backfillDone?: Promise<void>;
  private kpis = { total: 0, approved: 0, newest: null as string | null, loaded: false };
  private lastEmit = 0;
  private readonly files: FileReplayJobs;
  private readonly backfills: JobResults<RunSummary>;
  private readonly streams: JobResults<LiveSummary>;

  constructor(
    private readonly engine: Engine,
    private readonly events: EventBus,
    private readonly jobs: JobRegistry,
  ) {
    this.files = new FileReplayJobs(engine, jobs, PIPELINE_KEY, () => this.afterChange('file'));
    this.backfills = new JobResults(jobs, 'backfill');
    this.streams = new JobResults(jobs, 'live stream');
  }

  async status(): Promise<{ live: LiveStatus | null; backfill: BackfillStatus | null; layers: LayerCounts }> {
    return { live: this.live ? liveDto(this.live.status(), this.liveJobId) : null, backfill: this.backfill, layers: await this.layers() };
  }

  async layers(): Promise<LayerCounts> {
    await ensurePipelineSchema(this.engine);
    const r = await this.engine.query(layersSql);
    const [bronze, silver, quarantine, batches, pendingRetries] = (r.rows[0] ?? []).map(Number);
    return {
      bronze: bronze ?? 0,
      silver: silver ?? 0,
      quarantine: quarantine ?? 0,
      batches: batches ?? 0,
      pendingRetries: pendingRetries ?? 0,
    };
  }

  async goldCounts(signal?: AbortSignal): Promise<GoldCount[]> {
    await ensurePipelineSchema(this.engine);
    const out: GoldCount[] = [];
    for (const view of GOLD_VIEWS) {
      const started = performance.now();
      const r = await this.engine.query(`SELECT count(*) FROM ${view}`, { signal });
      out.push({ view, rows: Number(r.rows[0]?.[0] ?? 0), elapsedMs: Math.round(performance.now() - started) });
    }
    return out;
  }

  async expectations(limit = 200): Promise<ExpectationRow[]> {
    await ensurePipelineSchema(this.engine);
    const r = await this.engine.query(expectationsSql, { params: { limit } });
    return r.rows.map(([batchId, source, committedAt, expectation, action, passed, failed]) => ({
      batchId: Number(batchId),
      source: String(source),
      committedAt: String(committedAt),
      expectation: String(expectation),
      action: action === 'warn' ? 'warn' : 'drop',
      passed: Number(passed),
      failed: Number(failed),
    }));
  }

  /**
   * Starts a backfill job (its input checked by the contract); a second start while it runs answers
   * with the running one (single-flight). Its summary is backfillResult(jobId) once it has ended.
   */
  startBackfill(input: StartBackfillInput): BackfillStatus {
    const active = this.jobs.active(PIPELINE_KEY);
    if (active?.kind === 'pipeline.live') throw new AppError('CONFLICT', 'Stop the live stream before starting a backfill.');
    if (active?.kind === 'pipeline.file') throw new AppError('CONFLICT', 'A file replay is running; wait for it or cancel it first.');
    if (active?.kind === 'pipeline.backfill' && this.backfill) {
      if (JSON.stringify(input) === this.backfillAsked) return this.backfill;
      throw new AppError(
        'CONFLICT',
        `A backfill of ${active.progress.total?.toLocaleString('en-US') ?? 'some'} events is already running; wait for it or cancel it first.`,
      );
    }
    for (const incident of input.incidents ?? []) validateIncident(incident);
    const options = { ...input, start: input.start ? new Date(input.start) : undefined };
    this.backfillAsked = JSON.stringify(input);
    this.backfill = {
      jobId: null,
      runKey: null,
      state: 'running',
      eventsDone: 0,
      eventsTotal: input.events,
      eventsPerSecond: 0,
      message: null,
    };
    const started = this.jobs.start(
      { kind: 'pipeline.backfill', key: PIPELINE_KEY, total: input.events, message: 'Simulating events' },
      (job) =>
        replay(this.engine, options, {
          signal: job.signal,
          onProgress: (p) => {
            job.progress({ done: p.eventsDone, total: p.eventsTotal, message: `Batch ${p.batchesDone} of ${p.batchesTotal}` });
            return this.onBackfillProgress(p);
          },
        }),
    );
    this.backfill.jobId = started.job.id;
    void this.backfills.track(started.job.id, started.result);
    this.backfillDone = started.result.then(
      async (summary) => {
        this.backfill = {
          ...this.backfill!,
          runKey: summary.runKey,
          state: 'done',
          eventsDone: input.events,
          eventsPerSecond: summary.events_per_second,
          message: null,
        };
        await this.afterChange('backfill');
      },
      async (error: unknown) => {
        const cancelled = this.jobs.get(started.job.id)?.state === 'cancelled';
        this.backfill = {
          ...this.backfill!,
          state: cancelled ? 'cancelled' : 'failed',
          message: error instanceof Error ? error.message : String(error),
        };
        await this.afterChange('backfill');
      },
    );
    return this.backfill;
  }

  /** Starts replaying a recorded file as a job (joins the running file replay if there is one). */
  replayFile(input: ReplayFileInput): Job {
    return this.files.start(input);
  }

  fileReplayResult(jobId: string): Promise<FileReplayResult | null> {
    return this.files.result(jobId);
  }

  /** A backfill's summary once it has ended (null while it runs); a failed or cancelled one throws its error. */
  backfillResult(jobId: string): Promise<RunSummary | null> {
    return this.backfills.result(jobId);
  }

  /** A live stream's summary once it has stopped (null while it streams). */
  liveResult(jobId: string): Promise<LiveSummary | null> {
    return this.streams.result(jobId);
  }

  /**
   * Starts (or resumes) the live stream. Single-flight: concurrent starts (a double click) share one
   * job and one stream; the later ones wait for it to be up, then apply their rate.
   */
  async startLive(input: StartLiveInput): Promise<LiveStatus> {
    for (const incident of input.incidents ?? []) validateIncident(incident);
    const active = this.jobs.active(PIPELINE_KEY);
    if (active?.kind === 'pipeline.backfill')
      throw new AppError('CONFLICT', 'A backfill is running; wait for it or cancel it before starting the live stream.');
    if (active?.kind === 'pipeline.file')
      throw new AppError('CONFLICT', 'A file replay is running; wait for it or cancel it before starting the live stream.');
    if (active?.kind === 'pipeline.live') {
      await this.liveStarting;
      if (!this.live || this.live.status().state === 'stopped')
        throw new AppError('CONFLICT', 'The live stream stopped while starting; start it again.');
      this.live.setRate(input.rate);
      this.live.resume();
      return liveDto(this.live.status(), this.liveJobId);
    }
    const stream = new LiveStream(
      this.engine,
      { rate: input.rate, seed: input.seed ?? 1, incidents: input.incidents as Incident[] | undefined, faultRate: input.faultRate },
      (s) => void this.onLiveBatch(stream, s),
    );
    let up: () => void = () => undefined;
    this.liveStarting = new Promise<void>((resolve) => (up = resolve));
    const started = this.jobs.start({ kind: 'pipeline.live', key: PIPELINE_KEY, message: `Streaming ${stream.runKey}` }, async (job) => {
      const startedAt = performance.now();
      try {
        await stream.start();
      } finally {
        up();
      }
      this.live = stream;
      const onCancel = () => void stream.stop();
      job.signal.addEventListener('abort', onCancel, { once: true });
      this.liveJob = job;
      await stream.finished();
      job.signal.removeEventListener('abort', onCancel);
      const { error, events, rate } = stream.status();
      if (error) throw new AppError('INTERNAL', `The live stream stopped: ${error}`);
      const summary = await this.engine.withConnection('-- live summary', {}, (conn) =>
        summariseRun(conn, stream.runKey, events, performance.now() - startedAt),
      );
      return { ...summary, mode: 'live' as const, rate };
    });
    this.liveJobId = started.job.id;
    void this.streams.track(started.job.id, started.result);
    started.result.then(
      () => this.afterChange('live'),
      () => this.afterChange('live'),
    );
    await this.liveStarting;
    if (this.live !== stream) await started.result; // start failed: surface its error
    await this.emitProgress('live', true);
    return liveDto(stream.status(), this.liveJobId);
  }

  async pauseLive(): Promise<LiveStatus | null> {
    await this.live?.pause();
    await this.emitProgress('live', true);
    return this.live ? liveDto(this.live.status(), this.liveJobId) : null;
  }

  async resumeLive(): Promise<LiveStatus | null> {
    this.live?.resume();
    await this.emitProgress('live', true);
    return this.live ? liveDto(this.live.status(), this.liveJobId) : null;
  }

  setLiveRate(rate: number): LiveStatus {
    if (!this.live || this.live.status().state === 'stopped')
      throw new AppError('NOT_FOUND', 'No live stream is running; start one first.');
    this.live.setRate(rate);
    return liveDto(this.live.status(), this.liveJobId);
  }

  async stopLive(): Promise<LiveStatus | null> {
    await this.liveStarting;
    if (!this.live) return null;
    await this.live.stop();
    await this.afterChange('live');
    return liveDto(this.live.status(), this.liveJobId);
  }

  async close(): Promise<void> {
    await this.jobs.close();
    await this.backfillDone?.catch(() => undefined);
    await this.live?.stop();
  }

  private async onBackfillProgress(p: ReplayProgress): Promise<void> {
    const seconds = p.elapsedMs / 1000;
    this.backfill = {
      jobId: this.backfill?.jobId ?? null,
      runKey: p.runKey,
      state: 'running',
      eventsDone: p.eventsDone,
      eventsTotal: p.eventsTotal,
      eventsPerSecond: seconds > 0 ? Math.round(p.eventsDone / seconds) : 0,
      message: null,
    };
    if (p.lastBatch) this.addToKpis(p.lastBatch.silver, p.lastBatch.approved, p.lastBatch.maxTs);
    await this.emitProgress('backfill', p.batchesDone === p.batchesTotal);
  }

  private async onLiveBatch(stream: LiveStream, s: StreamStatus): Promise<void> {
    this.liveJob?.progress({
      done: s.events,
      message: `${s.state === 'paused' ? 'Paused' : 'Streaming'} at ${s.rate.toLocaleString('en-US')} events/s`,
    });
    if (stream !== this.live) return;
    if (s.lastBatch) this.addToKpis(s.lastBatch.silver, s.lastBatch.approved, s.lastBatch.maxTs);
    await this.emitProgress('live', false);
  }

  private addToKpis(silver: number, approved: number, maxTs: Date | null): void {
    this.kpis.total += silver;
    this.kpis.approved += approved;
    if (maxTs && (!this.kpis.newest || maxTs.toISOString() > this.kpis.newest)) this.kpis.newest = maxTs.toISOString();
  }

  private async afterChange(mode: 'backfill' | 'live' | 'file'): Promise<void> {
    this.kpis.loaded = false;
    await this.emitProgress(mode, true);
    this.events.emit('engine.changed', {
      reason: `pipeline ${mode}`,
      relations: ['payments_raw_bronze', 'payments_enriched_silver', 'payments_quarantine'],
    });
  }

  /** Throttled: at most one progress + KPI event per EMIT_EVERY_MS unless forced. */
  private async emitProgress(mode: 'backfill' | 'live' | 'file', force: boolean): Promise<void> {
    const now = performance.now();
    if (!force && now - this.lastEmit < EMIT_EVERY_MS) return;
    this.lastEmit = now;
    try {
      if (!this.kpis.loaded) await this.loadKpis();
      const layers = await this.layers();
      const payload: EventPayload<'pipeline.progressed'> =
        mode === 'live' && this.live
          ? (() => {
              const s = this.live.status();
              return {
                mode,
                state: s.state,
                runKey: s.runKey,
                eventsDone: s.events,
                eventsTotal: null,
                eventsPerSecond: s.eventsPerSecond,
                freshnessMs: s.freshnessMs,
                layers,
                message: s.error ?? null,
              };
            })()
          : {
              mode: 'backfill',
              state: this.backfill?.state ?? 'done',
              runKey: this.backfill?.runKey ?? '',
              eventsDone: this.backfill?.eventsDone ?? 0,
              eventsTotal: this.backfill?.eventsTotal ?? null,
              eventsPerSecond: this.backfill?.eventsPerSecond ?? 0,
              freshnessMs: null,
              layers,
              message: this.backfill?.message ?? null,
            };
      if (mode !== 'file') this.events.emit('pipeline.progressed', payload);
      this.events.emit('kpis.changed', this.kpiTotals());
    } catch {
      // Progress is best effort: a failed count must not stop the pipeline.
    }
  }

  /** Silver's headline totals now: what kpis.changed last said, or counted when no batch has run since a change. */
  async kpisNow(): Promise<SilverKpis> {
    if (!this.kpis.loaded) {
      await ensurePipelineSchema(this.engine);
      await this.loadKpis();
    }
    return this.kpiTotals();
  }

  private kpiTotals(): SilverKpis {
    const total = this.kpis.total;
    return {
      totalTransactions: total,
      approvedCount: this.kpis.approved,
      approvalRatePct: total > 0 ? Math.round((10000 * this.kpis.approved) / total) / 100 : null,
      newestEventAt: this.kpis.newest,
    };
  }

  private async loadKpis(): Promise<void> {
    const r = await this.engine.query(
      "SELECT count(*), count(*) FILTER (WHERE is_approved), strftime(max(event_timestamp), '%Y-%m-%dT%H:%M:%S.%gZ') FROM payments_enriched_silver",
    );
    const [total, approved, newest] = r.rows[0] ?? [0, 0, null];
    this.kpis = { total: Number(total), approved: Number(approved), newest: newest === null ? null : String(newest), loaded: true };
  }
}

function liveDto(s: StreamStatus, jobId: string | undefined): LiveStatus {
  return {
    jobId: jobId ?? null,
    runKey: s.runKey,
    state: s.state,
    rate: s.rate,
    batches: s.batches,
    events: s.events,
    eventsPerSecond: s.eventsPerSecond,
    freshnessMs: s.freshnessMs,
  };
}
