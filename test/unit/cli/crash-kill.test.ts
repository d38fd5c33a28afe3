import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/cli';
import { runCrashJob, type CrashJob, type CrashVerdict } from '../../support/crash-drill';
import { backfillJob, liveJob, pullJob, trainingJob } from '../../support/crash-jobs';

// The shortened crash drill (bench/crash.ts runs the full 20 kills): each job is SIGKILLed at
// seeded random points, restarted with the same settings, and checked after every kill.
const KILLS = 2;

describe('medallion survives SIGKILL at random points', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const jobs: [CrashJob, number][] = [
    [liveJob(3000, 1), 101],
    [backfillJob(12_000, 600), 202],
    [pullJob(15_000, 100), 303],
    [trainingJob(12_000, ['approval_propensity', 'risk_scoring']), 404],
  ];
  const verdicts: CrashVerdict[] = [];
  for (const [job, seed] of jobs) {
    it(`${job.name}: nothing lost, nothing duplicated, nothing half-written, the job resumes`, async () => {
      const verdict = await runCrashJob(job, { root: ROOT, dir: mkdtempSync(join(dir, `${job.name}-`)), kills: KILLS, seed });
      verdicts.push(verdict);
      expect(verdict.problems, JSON.stringify(verdict)).toEqual([]);
      expect(verdict.kills, `kill points ${verdict.killPointsMs.join(', ')} ms`).toBe(KILLS);
    }, 60_000);
  }

  it('landed kills inside the work, not only during start-up', () => {
    expect(
      verdicts.reduce((n, v) => n + v.killsMidWork, 0),
      JSON.stringify(verdicts),
    ).toBeGreaterThan(0);
  });
});
