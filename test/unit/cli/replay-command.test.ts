import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';

describe('medallion replay', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-replay-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backfills and prints a JSON summary whose quarantine matches the injected faults', async () => {
    const db = join(dir, 'a.duckdb');
    const r = await runCli(
      [
        'replay',
        '--db',
        db,
        '--events',
        '60000',
        '--days',
        '5',
        '--seed',
        '7',
        '--fault-rate',
        '0.01',
        '--incident',
        'processor_outage:ProcessorB:45m',
      ],
      { timeoutMs: 120_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown> & {
      quarantined: Record<string, number>;
      silver: number;
      bronze: number;
      warned: number;
      approval_rate_pct: number;
    };
    expect(s.events_generated).toBe(60_000);
    // 1% faults split over four kinds: ~150 each (null id, amount ≤ 0, bad fraud_score, duplicate).
    for (const reason of ['valid_transaction_id', 'valid_amount', 'duplicate']) expect(s.quarantined[reason]).toBeGreaterThan(90);
    expect(s.warned).toBeGreaterThan(90);
    expect(s.bronze).toBe(60_000 + s.quarantined.duplicate!);
    expect(s.silver).toBe(60_000 - s.quarantined.valid_transaction_id! - s.quarantined.valid_amount!);
    expect(s.approval_rate_pct).toBeGreaterThan(84);
    expect(s.approval_rate_pct).toBeLessThan(91);
    for (const key of ['elapsed_seconds', 'events_per_second', 'peak_rss_mb']) expect(typeof s[key]).toBe('number');
  }, 120_000);

  it('streams live for --duration seconds and prints the live summary: mode, rate, and every event in bronze once', async () => {
    const r = await runCli(['replay', '--db', join(dir, 'live.duckdb'), '--rate', '2000', '--duration', '3', '--seed', '5'], {
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown> & { events_generated: number; bronze: number; silver: number };
    expect(s).toMatchObject({ mode: 'live', rate: 2000 });
    expect(s.events_generated).toBeGreaterThan(0);
    expect(s.bronze).toBeGreaterThanOrEqual(s.silver);
    expect(s.silver).toBeGreaterThan(0);
    for (const key of ['runKey', 'quarantined', 'batches', 'elapsed_seconds', 'events_per_second']) expect(s).toHaveProperty(key);
  }, 120_000);

  it('replays a recorded file through pipeline.replayFile: JSON summary on stdout, each bad record on stderr', async () => {
    const file = resolve(__dirname, '../../fixtures/replay/payments-small.csv');
    const r = await runCli(['replay', '--db', join(dir, 'file.duckdb'), '--file', file], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { format: string; silver: number; quarantined_total: number; problems_total: number };
    expect(s).toMatchObject({ format: 'csv', silver: 47, quarantined_total: 2, problems_total: 2 });
    const problems = r.stderr.split('\n').filter((l) => l.includes('(quarantined)'));
    expect(problems).toEqual([
      expect.stringContaining('payments-small.csv line 11: '),
      expect.stringContaining('payments-small.csv line 50: '),
    ]);
  }, 120_000);

  it.each([
    [['--events', '-5'], '--events must be a positive whole number'],
    [['--rate', '0'], '--rate must be between 1 and 200,000'],
    [['--file', 'x.xlsx'], '--file has an unknown format ".xlsx"'],
    [['--file', 'landing.v2'], '--file has an unknown format ".v2"'],
    [['--incident', 'processor_outage:ProcessorZ:5m'], 'the target must be one of ProcessorA, ProcessorB, ProcessorC'],
    [['--incident', 'processor_outage:ProcessorB'], '--incident: The incident "processor_outage:ProcessorB" is not kind:target:duration'],
    [
      ['--incident', 'processor_outage:ProcessorB:soon'],
      '--incident: The incident "processor_outage:ProcessorB:soon": "soon" is not a duration',
    ],
    [['--days', 'many'], '--days must be a number'],
    [['--speed', '10'], '--speed paces a file replay; use it with --file'],
    [['--file', 'x.csv', '--speed', '-1'], '--speed must be a number above 0'],
    [['--file', 'x.csv', '--speed', '5000000'], '--speed must be a number above 0 and at most 1,000,000'],
  ])('refuses %j with one line on stderr and exit code 1', async (args, message) => {
    const r = await runCli(['replay', '--db', join(dir, 'never.duckdb'), ...args]);
    expect(r.code).toBe(1);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('medallion: building')),
    ).toEqual([expect.stringContaining(message)]);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'never.duckdb')), 'a refused setting must not create the database').toBe(false);
  });
});
