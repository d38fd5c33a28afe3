import type { Engine } from '../../src/core/engine/engine';
import { integrityProblems, withDb } from './crash-checks';
import { killRepeatedly, spawnCli, type KillAttempt } from './kill-harness';

/** A job ready to be killed: its command, the uninterrupted reference, and its invariants. */
export interface PreparedJob {
  db: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** How long the uninterrupted reference run took, and a bare CLI start (ms). */
  referenceMs: number;
  startupMs: number;
  /** Kill window override (ms after spawn); default: spread over the reference run. */
  windowMs?: [number, number];
  /** Each start redoes the whole job (see KillRunOptions.repeatable). */
  repeatable?: boolean;
  /** Whether the kill just checked landed inside the work (something committed, not everything). */
  midWork(engine: Engine): Promise<boolean>;
  /** What must hold after every kill: nothing half-written, nothing lost. */
  afterKill(engine: Engine): Promise<string[]>;
  /** What must hold once a run finished: equal to the reference, job marked done. */
  afterFinal(engine: Engine, stdout: string): Promise<string[]>;
  close?(): Promise<void>;
}

export interface CrashJob {
  name: 'live' | 'backfill' | 'pull' | 'training';
  prepare(root: string, dir: string): Promise<PreparedJob>;
}

/** The outcome of one job's kill-and-restart drill. */
export interface CrashVerdict {
  job: string;
  kills: number;
  restarts: number;
  ok: boolean;
  problems: string[];
  killPointsMs: number[];
  /** Kills that landed inside the work rather than during start-up or after the last commit. */
  killsMidWork: number;
  seconds: number;
}

/** Runs `medallion …` to completion; throws with its stderr when it fails. */
export async function cli(root: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string }> {
  const run = await spawnCli(root, args, env);
  if (run.code !== 0) throw new Error(`medallion ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
  return { ms: run.elapsedMs, stdout: run.stdout };
}

let startupMs: number | undefined;
/** How long a bare `medallion query` takes to start, open a database and exit (measured once). */
export const startup = async (root: string, db: string) => (startupMs ??= (await cli(root, ['query', '--db', db, 'SELECT 1'])).ms);

/** Prepares the job, kills it `kills` times at seeded random points, restarts it, and checks everything. */
export async function runCrashJob(
  job: CrashJob,
  options: { root: string; dir: string; kills: number; seed: number },
): Promise<CrashVerdict> {
  const started = performance.now();
  const prepared = await job.prepare(options.root, options.dir);
  try {
    const work = Math.max(200, prepared.referenceMs - prepared.startupMs);
    // Kills spread over start-up and the work: all of it for a job every start redoes, else a
    // share of it, so a resumed job still has work left for the next kill.
    const share = prepared.repeatable ? work : work / (options.kills + 1);
    const windowMs = prepared.windowMs ?? [Math.round(prepared.startupMs * 0.6), Math.round(prepared.startupMs + share)];
    let killsMidWork = 0;
    const check = async (attempt: KillAttempt | null, stdout = ''): Promise<string[]> => {
      try {
        return await withDb(prepared.db, async (e) => {
          if (attempt && (await prepared.midWork(e))) killsMidWork += 1;
          return [...(await integrityProblems(e)), ...(attempt ? await prepared.afterKill(e) : await prepared.afterFinal(e, stdout))];
        });
      } catch (error) {
        return [`the database does not open or answer: ${error instanceof Error ? error.message : String(error)}`];
      }
    };
    const report = await killRepeatedly({
      root: options.root,
      args: prepared.args,
      env: prepared.env,
      kills: options.kills,
      seed: options.seed,
      windowMs,
      repeatable: prepared.repeatable,
      afterKill: (a) => check(a),
    });
    const problems = [
      ...report.problems,
      ...(report.final.code === 0 ? (await check(null, report.final.stdout)).map((p) => `after the final run: ${p}`) : []),
    ];
    return {
      job: job.name,
      kills: report.kills,
      restarts: report.restarts,
      ok: problems.length === 0 && report.kills === options.kills,
      problems,
      killPointsMs: report.attempts.filter((a) => a.killed).map((a) => a.killAtMs),
      killsMidWork,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await prepared.close?.();
  }
}
