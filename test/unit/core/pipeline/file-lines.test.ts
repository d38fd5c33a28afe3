import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { replayFile } from '../../../../src/core/pipeline/file-replay';
import { fillWithReplayFixture } from '../../../support/replay-fixture';

const EVENTS = `SELECT transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token,
  fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason, response_code, is_retry,
  retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud
  FROM payments_enriched_silver ORDER BY event_timestamp, transaction_id`;

/**
 * A CSV big enough (~10 MB) that DuckDB's reader splits it between threads: the records carry no
 * line numbers of their own, so every quarantined record must still name the file's own line.
 */
describe('line numbers of a CSV read in parallel', () => {
  let dir: string;
  let lines: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-lines-'));
    const source = await Engine.open({ path: ':memory:' });
    await fillWithReplayFixture(source, { events: 50_000, faultRate: 0 });
    await source.run(`COPY (${EVENTS}) TO '${join(dir, 'export.csv')}' (HEADER)`);
    source.close();
    lines = readFileSync(join(dir, 'export.csv'), 'utf8').trimEnd().split('\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('quarantines records near the start, the middle and the end of a multi-megabyte file under their own lines', async () => {
    const amount = lines[0]!.split(',').indexOf('amount');
    const zeroAmount = (line: string) =>
      line
        .split(',')
        .map((v, i) => (i === amount ? '0.00' : v))
        .join(',');
    const damaged = [...lines];
    for (const at of [10, 23_456, 41_000]) damaged[at - 1] = zeroAmount(damaged[at - 1]!);
    damaged.push(lines[6]!, lines[30_000]!); // two redeliveries at the end: lines n+1, n+2
    const path = join(dir, 'landing.csv');
    writeFileSync(path, damaged.join('\n') + '\n');
    expect(readFileSync(path).length).toBeGreaterThan(8 * 1024 * 1024);

    const engine = await Engine.open({ path: ':memory:' });
    try {
      const summary = await replayFile(engine, path);
      expect(summary.quarantined).toEqual({ valid_amount: 3, duplicate: 2 });
      const q = await engine.query('SELECT source_line, reason, transaction_id FROM payments_quarantine ORDER BY source_line');
      const n = lines.length;
      expect(q.rows).toEqual([
        [10, 'valid_amount', damaged[9]!.split(',')[0]],
        [23_456, 'valid_amount', damaged[23_455]!.split(',')[0]],
        [41_000, 'valid_amount', damaged[40_999]!.split(',')[0]],
        [n + 1, 'duplicate', lines[6]!.split(',')[0]],
        [n + 2, 'duplicate', lines[30_000]!.split(',')[0]],
      ]);
    } finally {
      engine.close();
    }
  });
});
