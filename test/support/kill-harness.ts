import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CliRun } from './cli';

/** A small seeded PRNG (mulberry32): the same seed gives the same kill points. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One start of the command: when it was SIGKILLed, or how it ended on its own. */
export interface KillAttempt {
  index: number;
  /** Planned kill time after the spawn (ms). */
  killAtMs: number;
  /** True when the SIGKILL landed; false when the command finished first. */
  killed: boolean;
  code: number | null;
  elapsedMs: number;
}

export interface KillRunOptions {
  /** Project root holding bin/medallion.cjs. */
  root: string;
  /** Arguments of `medallion …`, the same on every start. */
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** How many SIGKILLs to deliver (fewer if the command finishes before the next one lands). */
  kills: number;
  seed: number;
  /** Kill uniformly at random in [min, max] ms after each spawn. */
  windowMs: [number, number];
  /** Checked after each kill, with no process holding the database: problems found, if any. */
  afterKill?: (attempt: KillAttempt) => Promise<string[]>;
  /**
   * Each start redoes the whole job (a pull with --replace, a training): when one finishes before
   * its kill, start again with the kill window pulled earlier instead of stopping there.
   */
  repeatable?: boolean;
  /** Limit for the final, uninterrupted run. */
  finalTimeoutMs?: number;
}

export interface KillReport {
  attempts: KillAttempt[];
  kills: number;
  /** Starts after the first one (each kill is followed by a restart with the same settings). */
  restarts: number;
  problems: string[];
  /** The uninterrupted run that ends the sequence (or the attempt that finished on its own). */
  final: CliRun;
}

/** Runs `medallion …` as a child process; SIGKILLs it after `killAtMs` if given. */
export function spawnCli(
  root: string,
  args: string[],
  env: NodeJS.ProcessEnv | undefined,
  killAtMs?: number,
  timeoutMs = 300_000,
): Promise<CliRun & { killed: boolean; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'medallion.cjs'), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      killed = killAtMs !== undefined;
      child.kill('SIGKILL');
    }, killAtMs ?? timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed, elapsedMs: performance.now() - started });
    });
  });
}

/**
 * The crash drill: start the command, SIGKILL it at a seeded random point, check the database,
 * restart it with the same settings, and so on `kills` times; then let one run finish.
 */
export async function killRepeatedly(options: KillRunOptions): Promise<KillReport> {
  const random = seededRandom(options.seed);
  let [lo, hi] = options.windowMs;
  const attempts: KillAttempt[] = [];
  const problems: string[] = [];
  let kills = 0;
  for (let index = 0; kills < options.kills && index < options.kills * 3; index++) {
    const killAtMs = Math.round(lo + random() * (hi - lo));
    const run = await spawnCli(options.root, options.args, options.env, killAtMs);
    const attempt: KillAttempt = { index, killAtMs, killed: run.killed, code: run.code, elapsedMs: Math.round(run.elapsedMs) };
    attempts.push(attempt);
    if (!run.killed) {
      if (run.code !== 0) problems.push(`start ${index + 1} exited with ${run.code} before its kill: ${run.stderr.trim()}`);
      // A resumable job that finished is done: that run is the final one.
      if (!options.repeatable || run.code !== 0) return { attempts, kills, restarts: index, problems, final: run };
      hi = Math.max(lo + 50, Math.min(hi, run.elapsedMs) * 0.8);
      lo = Math.min(lo, hi * 0.5);
      continue;
    }
    kills += 1;
    for (const p of (await options.afterKill?.(attempt)) ?? []) problems.push(`after kill ${kills} (at ${killAtMs} ms): ${p}`);
  }
  const final = await spawnCli(options.root, options.args, options.env, undefined, options.finalTimeoutMs);
  if (final.code !== 0) problems.push(`the final run exited with ${final.code}: ${final.stderr.trim()}`);
  return { attempts, kills, restarts: attempts.length, problems, final };
}
