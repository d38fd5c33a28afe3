import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { replayFile } from '../../../../src/core/pipeline/file-replay';
import { fillWithReplayFixture } from '../../../support/replay-fixture';

/** Extra columns a recording may carry whose names look like the pipeline's own working columns. */
const EXTRA = [
  ['_bad_column', "'not a column name'"],
  ['_line', '42'],
  ['_raw', "'{}'"],
  ['_seq', '7'],
  ['rn', '-1'],
  ['_deliver_twice', 'true'],
  ['reason', "'none'"],
] as const;

const EVENTS = `SELECT transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country,
  card_network, card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token,
  fraud_score, aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason, response_code, is_retry,
  retry_attempt, original_transaction_id, seconds_since_decline, processing_latency_ms, is_fraud
  FROM payments_enriched_silver ORDER BY event_timestamp, transaction_id LIMIT 500`;

describe('a replay file may carry any column names', () => {
  let dir: string;
  let source: Engine;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'medallion-cols-'));
    source = await Engine.open({ path: ':memory:' });
    await fillWithReplayFixture(source, { events: 2000, faultRate: 0 });
    for (const [name, value] of EXTRA) {
      const sql = `SELECT ${value} AS "${name}", * FROM (${EVENTS})`;
      await source.run(`COPY (${sql}) TO '${join(dir, `${name}.csv`)}' (HEADER)`);
      await source.run(`COPY (${sql}) TO '${join(dir, `${name}.jsonl`)}' (FORMAT json)`);
      await source.run(`COPY (${sql}) TO '${join(dir, `${name}.parquet`)}' (FORMAT parquet)`);
    }
  });
  afterAll(() => {
    source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases = EXTRA.flatMap(([name]) => ['csv', 'jsonl', 'parquet'].map((ext) => [name, ext] as const));
  it.each(cases)('a column named %s in a %s file quarantines no valid row', async (name, ext) => {
    const engine = await Engine.open({ path: ':memory:' });
    try {
      const summary = await replayFile(engine, join(dir, `${name}.${ext}`));
      expect(summary.quarantined_total).toBe(0);
      expect(summary.silver).toBe(500);
    } finally {
      engine.close();
    }
  });
});
