import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/engine/engine';
import type { RunAgentsResult } from '../../../src/shared/api';
import { runCli } from '../../support/cli';
import { FIXTURE_INCIDENTS, fillWithReplayFixture } from '../../support/replay-fixture';

const dir = mkdtempSync(join(tmpdir(), 'medallion-agents-cli-'));
const db = join(dir, 'agents.duckdb');

describe('medallion agents run', () => {
  beforeAll(async () => {
    const engine = await Engine.open({ path: db, threads: 2 });
    await fillWithReplayFixture(engine, { incidents: FIXTURE_INCIDENTS });
    engine.close();
  });

  it('--json on a replayed data set with one incident of each type returns the three findings, with evidence that re-runs', async () => {
    const r = await runCli(['agents', 'run', '--db', db, '--json']);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as RunAgentsResult;
    expect(result.run).toMatchObject({ agent: 'orchestrator', status: 'succeeded', trigger: 'cli' });
    expect(result.childRuns).toHaveLength(5);
    const critical = result.recommendations.filter((x) => x.severity === 'critical').map((x) => x.title);
    expect(critical.some((t) => t.startsWith('ProcessorB outage'))).toBe(true);
    expect(critical.some((t) => t.startsWith('Fraud attack on Gaming'))).toBe(true);
    expect(critical.some((t) => t.startsWith('Latency spike on ProcessorC'))).toBe(true);
    const outage = result.recommendations.find((x) => x.title.startsWith('ProcessorB outage'))!;
    const again = await runCli(['query', '--db', db, '--format', 'json', '--', outage.evidenceSql]);
    expect(JSON.parse(again.stdout)).toEqual(outage.evidence);
  });

  it('runs one agent by a short name and prints readable text', async () => {
    const r = await runCli(['agents', 'run', 'risk', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^risk_assessor\s+succeeded in \d+\.\d s, \d+ findings?/);
    expect(r.stdout).toContain('[CRITICAL] Fraud attack on Gaming');
    expect(r.stdout).toContain('impact: ');
  });

  it('says "not enough data" on an empty database', async () => {
    const r = await runCli(['agents', 'run', '--db', join(dir, 'empty.duckdb'), '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as RunAgentsResult).run.status).toBe('not_enough_data');
    expect(r.stderr).toMatch(/Not enough data: there is no payments_enriched_silver table yet/);
  });

  it('refuses an unknown agent on stderr with a non-zero exit', async () => {
    const r = await runCli(['agents', 'run', 'fortune_teller', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error: There is no agent called "fortune_teller"\. Choose one of: smart_routing/);
  });
});
