import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { Engine } from '../src/core/engine/engine';
import { replay } from '../src/core/pipeline/replay';
import type { DashboardSummary, LiveStatus, LoadedDashboard, PipelineStatus } from '../src/shared/api';
import { defaultFilters, type FilterOptions, type Filters } from '../src/shared/dashboards/filters';
import { benchDataDir, machine, percentile, round } from './support';

const TOKEN = 'load-bench-token';
const QUESTIONS = '/work/shared/questions/dev.json';

/** One API call over HTTP as the renderer makes it; throws on a transport or API error. */
type Call = <T>(method: string, input: unknown) => Promise<T>;

function caller(base: string): Call {
  return async <T>(method: string, input: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/call/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.code} ${body.error?.message}`);
    return body.data as T;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** `medallion serve` in its own process, as a user starts it; resolves once it prints its URL. */
async function startServe(db: string, home: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'bin', 'medallion.cjs'), 'serve', '--db', db, '--port', String(port), '--token', TOKEN],
    {
      env: { ...process.env, MEDALLION_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', () => resolve());
    child.once('exit', (code) => reject(new Error(`medallion serve exited with code ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

/** Latencies and failures of one kind of request. */
class Tally {
  readonly ms: number[] = [];
  errors = 0;
  readonly samples: string[] = [];

  async time<T>(work: () => Promise<T>): Promise<T | undefined> {
    const started = performance.now();
    try {
      const out = await work();
      this.ms.push(performance.now() - started);
      return out;
    } catch (error) {
      this.errors += 1;
      if (this.samples.length < 5) this.samples.push(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  summary(): Record<string, unknown> {
    return {
      count: this.ms.length,
      errors: this.errors,
      p50_ms: percentile(this.ms, 50),
      p95_ms: percentile(this.ms, 95),
      p99_ms: percentile(this.ms, 99),
      max_ms: round(Math.max(0, ...this.ms)),
      ...(this.samples.length ? { error_samples: this.samples } : {}),
    };
  }
}

/** Live micro-batch commits as the renderer sees them: pushed `pipeline.progressed` events over the WebSocket. */
function watchCommits(base: string): { commits: { at: number; events: number; freshnessMs: number | null }[]; close(): void } {
  const commits: { at: number; events: number; freshnessMs: number | null }[] = [];
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/events?token=${TOKEN}`);
  ws.on('message', (data: Buffer) => {
    const { event, payload } = JSON.parse(data.toString()) as {
      event: string;
      payload: { mode: string; eventsDone: number; freshnessMs: number | null };
    };
    if (event === 'pipeline.progressed' && payload.mode === 'live')
      commits.push({ at: performance.now(), events: payload.eventsDone, freshnessMs: payload.freshnessMs });
  });
  return { commits, close: () => ws.close() };
}

function questions(): string[] {
  if (!existsSync(QUESTIONS)) return ['What is the approval rate?', 'Show me top 5 decline reasons', 'Approval rate by card network'];
  return (JSON.parse(readFileSync(QUESTIONS, 'utf8')) as { q: string }[]).map((x) => x.q);
}

/**
 * Load: `medallion serve` with a live stream at R events/s for S seconds while D dashboard
 * refreshers (every dataset of a dashboard at once, as the renderer does) and A Ask askers
 * (offline engine) loop through the HTTP API. Args: [seconds=60] [rate=10000] [refreshers=50]
 * [askers=10] [backfill events=200000].
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const seconds = Number(args[0] ?? 60);
  const rate = Number(args[1] ?? 10_000);
  const refreshers = Number(args[2] ?? 50);
  const askers = Number(args[3] ?? 10);
  const backfill = Number(args[4] ?? 200_000);
  const dir = join(benchDataDir(), 'load');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'home'), { recursive: true });
  const db = join(dir, 'load.duckdb');
  const engine = await Engine.open({ path: db });
  await replay(engine, { events: backfill, days: 7, seed: 3 });
  engine.close();

  const loadBefore = loadavg().map((l) => round(l, 2));
  const { child, base } = await startServe(db, join(dir, 'home'));
  const call = caller(base);
  try {
    const dashboards = await call<DashboardSummary[]>('dashboards.list', {});
    const boards: { board: LoadedDashboard; filters: Filters }[] = [];
    for (const d of dashboards) {
      const board = await call<LoadedDashboard>('dashboards.get', { id: d.id });
      const options = await call<FilterOptions>('dashboards.filterOptions', { id: d.id });
      boards.push({ board, filters: defaultFilters(board.definition.defaultDateRange, options) });
    }
    const asks = questions();
    const refresh = new Tally();
    const dataset = new Tally();
    const ask = new Tally();
    const status = new Tally();
    const visible = new Tally();
    const staleness: number[] = [];
    const watcher = watchCommits(base);

    const live = await call<LiveStatus>('pipeline.startLive', { rate, seed: 42 });
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const refresher = async (i: number) => {
      for (let n = i; performance.now() < deadline; n++) {
        const { board, filters } = boards[n % boards.length]!;
        await refresh.time(() =>
          Promise.all(
            board.definition.datasets.map((d) =>
              dataset
                .time(() => call('dashboards.run', { id: board.id, dataset: d.name, filters }))
                .then((r) => r ?? Promise.reject(new Error('dataset failed'))),
            ),
          ),
        );
      }
    };
    const asker = async (i: number) => {
      for (let n = i; performance.now() < deadline; n++)
        await ask.time(() => call('ask.question', { question: asks[n % asks.length]!, mode: 'offline' }));
    };
    // What a user sees: the age of the newest event in silver when the answer arrives.
    const monitor = async () => {
      while (performance.now() < deadline) {
        await status.time(() => call<PipelineStatus>('pipeline.status', {}));
        const r = await visible.time(() =>
          call<{ rows: unknown[][] }>('engine.query', {
            sql: 'SELECT CAST(max(event_timestamp) AS VARCHAR) FROM payments_enriched_silver',
          }),
        );
        const newest = r?.rows[0]?.[0];
        if (typeof newest === 'string') staleness.push(Date.now() - Date.parse(`${newest.replace(' ', 'T')}Z`));
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    await Promise.all([
      ...Array.from({ length: refreshers }, (_, i) => refresher(i)),
      ...Array.from({ length: askers }, (_, i) => asker(i)),
      monitor(),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    const stopped = await call<LiveStatus | null>('pipeline.stopLive', {});
    watcher.close();
    const events = stopped?.events ?? 0;
    const commits = watcher.commits;
    const gaps = commits.slice(1).map((c, i) => c.at - commits[i]!.at);
    const freshness = commits.flatMap((c) => (c.freshnessMs === null ? [] : [c.freshnessMs]));
    return {
      benchmark: 'load',
      seconds: round(elapsed, 1),
      backfill_events: backfill,
      stream: {
        target_rate: rate,
        run_key: live.runKey,
        events,
        achieved_rate: round(events / elapsed, 0),
        batches: stopped?.batches ?? null,
        commit_events_seen: commits.length,
        commit_gap_ms: { p50: percentile(gaps, 50), p95: percentile(gaps, 95), max: round(Math.max(0, ...gaps)) },
        commit_freshness_ms: { p50: percentile(freshness, 50), p95: percentile(freshness, 95), max: round(Math.max(0, ...freshness)) },
        visible_staleness_ms: {
          samples: staleness.length,
          p50: percentile(staleness, 50),
          p95: percentile(staleness, 95),
          max: round(Math.max(0, ...staleness)),
        },
      },
      dashboard_refresh: { concurrency: refreshers, ...refresh.summary() },
      dashboard_dataset_call: dataset.summary(),
      ask: { concurrency: askers, mode: 'offline', questions: asks.length, ...ask.summary() },
      pipeline_status: status.summary(),
      newest_event_query: visible.summary(),
      errors: refresh.errors + ask.errors + status.errors + visible.errors,
      dashboards: boards.map((b) => `${b.board.id} (${b.board.definition.datasets.length} datasets)`),
      load_average_before: loadBefore,
      load_average_after: loadavg().map((l) => round(l, 2)),
      machine: machine(),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
