import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/core/engine/engine';
import { runCli } from '../../support/cli';
import { fillWithReplayFixture } from '../../support/replay-fixture';

const dir = mkdtempSync(join(tmpdir(), 'medallion-bundle-cli-'));
const db = join(dir, 'bundle.duckdb');
const env = { MEDALLION_HOME: join(dir, 'home') };

describe('medallion bundle create and verify', () => {
  beforeAll(async () => {
    const engine = await Engine.open({ path: db, threads: 2 });
    await fillWithReplayFixture(engine, { events: 6_000, days: 2 });
    engine.close();
  });

  it('packages a dashboard named by its title for a date range, and verify reads the file back', async () => {
    const out = join(dir, 'exec.mdash');
    const created = await runCli(
      ['bundle', 'create', '--dashboard', 'Executive Overview', '--out', out, '--from', '2026-01-01', '--to', '2026-01-02', '--db', db],
      { env },
    );
    expect(created.stderr).not.toContain('error');
    expect(created.code).toBe(0);
    const line = JSON.parse(created.stdout) as { path: string; title: string; bytes: number; sha256: string };
    expect(line).toMatchObject({ path: out, title: 'Executive Overview' });
    expect(line.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(line.bytes).toBe(readFileSync(out).length);

    const verified = await runCli(['bundle', 'verify', out], { env });
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, title: 'Executive Overview', sha256: line.sha256 });
  });

  it('names the dashboards there are when the one asked for is not one of them', async () => {
    const r = await runCli(['bundle', 'create', '--dashboard', 'quarterly-board-pack', '--out', join(dir, 'x.mdash'), '--db', db], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: There is no dashboard "quarterly-board-pack"\. Choose one of: .*executive-overview/);
  });

  it('refuses a date range that ends before it starts', async () => {
    const args = ['bundle', 'create', '--dashboard', 'executive-overview', '--out', join(dir, 'y.mdash'), '--db', db];
    const r = await runCli([...args, '--from', '2026-01-02', '--to', '2026-01-01'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--from must not be after --to.');
  });

  it('refuses a file that is not a bundle, with one line and exit 1', async () => {
    const fake = join(dir, 'fake.mdash');
    writeFileSync(fake, 'PK\u0003\u0004 not a bundle at all');
    const r = await runCli(['bundle', 'verify', fake], { env });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: /);
  });
});
