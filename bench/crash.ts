import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runCrashJob, type CrashJob } from '../test/support/crash-drill';
import { backfillJob, liveJob, pullJob, trainingJob } from '../test/support/crash-jobs';
import { benchDataDir, machine, round } from './support';

/**
 * The full crash drill: 20 SIGKILLs at seeded random points spread over four jobs run by the
 * real CLI (a live stream, a backfill, a warehouse pull, a model training), each restarted with
 * the same settings and checked after every kill. Args: [kills per job = 5] [seed = 1].
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const killsPerJob = Number(args[0] ?? 5);
  const seed = Number(args[1] ?? 1);
  const root = process.cwd();
  const dir = join(benchDataDir(), 'crash');
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const jobs: CrashJob[] = [liveJob(10_000, 3), backfillJob(300_000, 15_000), pullJob(300_000, 100), trainingJob(150_000)];
  const verdicts = [];
  for (const [i, job] of jobs.entries()) {
    const jobDir = join(dir, job.name);
    mkdirSync(jobDir, { recursive: true });
    const verdict = await runCrashJob(job, { root, dir: jobDir, kills: killsPerJob, seed: seed * 100 + i });
    process.stderr.write(`crash: ${job.name} ${verdict.ok ? 'ok' : 'FAILED'} after ${verdict.kills} kills (${verdict.seconds} s)\n`);
    verdicts.push(verdict);
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    benchmark: 'crash',
    kills: verdicts.reduce((n, v) => n + v.kills, 0),
    restarts: verdicts.reduce((n, v) => n + v.restarts, 0),
    verdict: verdicts.every((v) => v.ok) ? 'pass' : 'fail',
    jobs: verdicts,
    seconds: round((performance.now() - started) / 1000, 1),
    load_average: loadavg().map((l) => round(l, 2)),
    machine: machine(),
  };
}
