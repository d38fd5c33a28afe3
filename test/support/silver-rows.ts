import type { DuckDBValue } from '@duckdb/node-api';
import type { Engine } from '../../src/core/engine/engine';
import { commitStagedBatch } from '../../src/core/pipeline/batch-commit';
import { EVENT_COLUMNS } from '../../src/core/pipeline/event-columns';
import { quoteIdent } from '../../src/shared/sql/quote';
import { ensurePipelineSchema } from '../../src/core/pipeline/schema';

/** One hand-written event; anything left out takes the default below. */
export type HandEvent = Record<string, string | number | boolean | null>;

const DEFAULTS: HandEvent = {
  merchant_id: 'M0001',
  merchant_name: 'Test Store 1',
  merchant_segment: 'Retail',
  merchant_country: 'BR',
  issuer_country: 'BR',
  card_network: 'Visa',
  card_type: 'credit',
  channel: 'ecommerce',
  payment_solution: 'Checkout',
  processor: 'ProcessorA',
  amount: 100,
  currency: 'BRL',
  uses_3ds: false,
  three_ds_outcome: 'not_attempted',
  is_network_token: false,
  fraud_score: 0.1,
  aml_risk_score: 0.2,
  device_trust_score: 0.9,
  velocity_score: 0.1,
  is_approved: true,
  decline_reason: null,
  response_code: '00',
  is_retry: false,
  retry_attempt: 0,
  original_transaction_id: null,
  seconds_since_decline: null,
  processing_latency_ms: 100,
  is_fraud: false,
};

/**
 * Puts hand-written events through the real pipeline (stage → one committed batch → silver with
 * its derived columns), so gold-view tests check numbers worked out by hand.
 */
export async function loadHandEvents(engine: Engine, events: HandEvent[], batchNo = 0): Promise<void> {
  await ensurePipelineSchema(engine);
  const columns = EVENT_COLUMNS.map(([c, t]) => `$${c}::${t} AS ${quoteIdent(c)}`).join(', ');
  await engine.withConnection('-- hand events', {}, async (conn) => {
    await conn.run(
      `CREATE OR REPLACE TEMP TABLE pipeline_stage AS SELECT ${EVENT_COLUMNS.map(([c, t]) => `NULL::${t} AS ${quoteIdent(c)}`).join(', ')}, 0::BIGINT AS _line, false AS _deliver_twice, false AS _duplicate LIMIT 0`,
    );
    for (const [i, event] of events.entries()) {
      const row = { ...DEFAULTS, ...event };
      const params: Record<string, DuckDBValue> = {};
      for (const [c] of EVENT_COLUMNS) params[c] = (row[c] ?? null) as DuckDBValue;
      params.line = i + 1;
      await conn.run(`INSERT INTO pipeline_stage SELECT ${columns}, $line::BIGINT, false, false`, params);
    }
    await commitStagedBatch(conn, {
      runKey: 'hand-written',
      batchNo,
      source: 'test',
      slotLo: 0,
      slotHi: events.length,
      dedupeAgainstSilver: true,
    });
  });
}
