import { Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { AppError } from '../../shared/errors';
import type { FileReplayResult, Job } from '../../shared/api';
import { LiveStream, validateRate } from '../../core/pipeline/live';
import { replay, validateReplayOptions, type ReplayOptions, type ReplayProgress } from '../../core/pipeline/replay';
import { summariseRun } from '../../core/pipeline/summary';
import { parseIncident, type Incident } from '../../core/simulator/incidents';
import type { Core } from '../../core/core';
import { checkFileArgument } from '../../core/pipeline/file-set';
import { callApi, checkInput, followJob } from '../api-client';
import { reportError } from '../errors';
import { FILE_REPLAY_MEMORY_LIMIT, openCore } from '../open-core';

/** The flags of pipeline.replayFile's fields, for its refusals. */
const FILE_FLAGS = { path: '--file', speed: '--speed' };

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
      (v: string, all: Incident[]) => [...all, parseIncident(v)],
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
        if (flags.file) {
          // Refused before the database is opened: the contract's schema, then the file's extension (a glob or folder is checked when expanded).
          checkInput('pipeline.replayFile', { path: flags.file, speed }, FILE_FLAGS);
          checkFileArgument(flags.file);
        }
        const options = backfillOptions(flags);
        if (mode === 'backfill') validateReplayOptions(options);
        if (mode === 'live') {
          validateRate(number(flags.rate!, '--rate'));
          if (flags.duration !== undefined && !(number(flags.duration, '--duration') > 0))
            throw new AppError('INVALID_INPUT', `--duration must be a positive number of seconds, not "${flags.duration}".`);
        }
        const core = await openCore(flags.db, 'cli', mode === 'file' ? FILE_REPLAY_MEMORY_LIMIT : undefined);
        try {
          const summary =
            mode === 'file'
              ? await replayFileJob(core, flags.file!, speed)
              : mode === 'live'
                ? await runLive(core.engine, flags, options)
                : await replay(core.engine, options, { onProgress: progressBar('events') });
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
async function replayFileJob(core: Core, file: string, speed: number | undefined) {
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

function backfillOptions(flags: ReplayFlags): ReplayOptions {
  const start = flags.start === undefined ? undefined : new Date(flags.start);
  return {
    events: flags.events === undefined ? 1_000_000 : number(flags.events, '--events'),
    days: number(flags.days, '--days'),
    seed: number(flags.seed, '--seed'),
    start,
    incidents: flags.incident,
    faultRate: number(flags.faultRate, '--fault-rate'),
    batchSize: flags.batchSize === undefined ? undefined : number(flags.batchSize, '--batch-size'),
  };
}

function number(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new AppError('INVALID_INPUT', `${flag} must be a number, not "${text}".`);
  return n;
}

async function runLive(engine: Parameters<typeof replay>[0], flags: ReplayFlags, options: ReplayOptions) {
  const started = performance.now();
  const stream = new LiveStream(
    engine,
    { rate: number(flags.rate!, '--rate'), seed: options.seed, incidents: options.incidents, faultRate: options.faultRate },
    (s) => {
      if (process.stderr.isTTY)
        process.stderr.write(
          `\rlive: ${s.events.toLocaleString('en-US')} events, ${s.eventsPerSecond.toLocaleString('en-US')}/s, freshness ${s.freshnessMs ?? '–'} ms   `,
        );
    },
  );
  await stream.start();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (flags.duration !== undefined) setTimeout(stop, number(flags.duration, '--duration') * 1000);
  });
  await stream.stop();
  if (process.stderr.isTTY) process.stderr.write('\n');
  const summary = await engine.withConnection('-- live summary', {}, (conn) =>
    summariseRun(conn, stream.runKey, stream.status().events, performance.now() - started),
  );
  return { ...summary, mode: 'live', rate: stream.status().rate };
}

function progressBar(unit: string): (p: ReplayProgress) => void {
  if (!process.stderr.isTTY) return () => undefined;
  let bar: SingleBar | undefined;
  return (p) => {
    if (!bar) {
      bar = new SingleBar({
        stream: process.stderr,
        format: `{bar} {percentage}% | {value}/{total} ${unit} | {eps} ${unit}/s | batch {batch}/{batches}`,
        hideCursor: true,
      });
      bar.start(p.eventsTotal, 0, { eps: 0, batch: 0, batches: p.batchesTotal });
    }
    bar.update(p.eventsDone, {
      eps: Math.round(p.eventsDone / Math.max(0.001, p.elapsedMs / 1000)).toLocaleString('en-US'),
      batch: p.batchesDone,
      batches: p.batchesTotal,
    });
    if (p.batchesDone === p.batchesTotal) bar.stop();
  };
}

function isFileResult(summary: object): summary is FileReplayResult {
  return 'problems' in summary;
}

function printProblems(file: string, problems: { file?: string; line: number | null; problem: string }[], total: number): void {
  for (const p of problems)
    process.stderr.write(`${p.file ?? file}${p.line === null ? '' : ` line ${p.line}`}: ${p.problem} (quarantined)\n`);
  if (total > problems.length) process.stderr.write(`… and ${total - problems.length} more problem records, all in payments_quarantine\n`);
}
