import type { Engine } from '../../src/core/engine/engine';

/**
 * A small silver table with every column the dashboards read, generated in SQL from a seed:
 * enough for bundle and drill tests without the pipeline. `rows` events over `days` days
 * ending on 2026-03-31.
 */
export async function createMiniSilver(engine: Engine, rows = 5000, days = 60): Promise<void> {
  await engine.run(`CREATE OR REPLACE TABLE payments_enriched_silver AS
    WITH base AS (
      SELECT i, hash(i) AS h, TIMESTAMP '2026-03-31 23:59:00' - to_seconds((hash(i * 7) % (${days} * 86400))::BIGINT) AS ts
      FROM range(${rows}) t(i)
    )
    SELECT
      'tx' || i AS transaction_id, ts AS event_timestamp,
      'm' || (h % 40) AS merchant_id, 'Merchant ' || (h % 40) AS merchant_name,
      ['Retail', 'Travel', 'Gaming', 'Digital Goods'][1 + (h % 4)::INT] AS merchant_segment,
      ['BR', 'US', 'MX', 'GB'][1 + ((h >> 3) % 4)::INT] AS merchant_country,
      ['BR', 'US', 'MX', 'GB'][1 + ((h >> 5) % 4)::INT] AS issuer_country,
      ['Visa', 'Mastercard', 'Amex'][1 + ((h >> 7) % 3)::INT] AS card_network,
      ['credit', 'debit'][1 + ((h >> 9) % 2)::INT] AS card_type,
      ['ecommerce', 'pos'][1 + ((h >> 11) % 2)::INT] AS channel,
      ['Checkout', 'Wallet'][1 + ((h >> 13) % 2)::INT] AS payment_solution,
      ['ProcessorA', 'ProcessorB', 'ProcessorC'][1 + ((h >> 15) % 3)::INT] AS processor,
      round(((h >> 17) % 50000) / 100.0 + 1, 2)::DECIMAL(12, 2) AS amount, 'USD' AS currency,
      (h >> 19) % 3 = 0 AS uses_3ds,
      CASE WHEN (h >> 19) % 3 <> 0 THEN 'not_attempted' WHEN (h >> 21) % 4 = 0 THEN 'challenge_failed' WHEN (h >> 21) % 4 = 1 THEN 'challenge_passed' ELSE 'frictionless' END AS three_ds_outcome,
      (h >> 23) % 2 = 0 AS is_network_token,
      ((h >> 25) % 1000) / 1000.0 AS fraud_score, ((h >> 27) % 1000) / 1000.0 AS aml_risk_score,
      ((h >> 29) % 1000) / 1000.0 AS device_trust_score, ((h >> 31) % 1000) / 1000.0 AS velocity_score,
      (h >> 33) % 10 <> 0 AS is_approved,
      CASE WHEN (h >> 33) % 10 = 0 THEN ['insufficient_funds', 'do_not_honor', 'suspected_fraud'][1 + ((h >> 35) % 3)::INT] END AS decline_reason,
      CASE WHEN (h >> 33) % 10 = 0 THEN ['51', '05', '59'][1 + ((h >> 35) % 3)::INT] ELSE '00' END AS response_code,
      (h >> 37) % 20 = 0 AS is_retry, CASE WHEN (h >> 37) % 20 = 0 THEN 1 ELSE 0 END AS retry_attempt,
      CASE WHEN (h >> 37) % 20 = 0 THEN 'tx' || (i - 1) END AS original_transaction_id,
      CASE WHEN (h >> 37) % 20 = 0 THEN 60 END AS seconds_since_decline,
      (50 + (h >> 39) % 400)::INTEGER AS processing_latency_ms,
      (h >> 41) % 50 = 0 AS is_fraud,
      ts::DATE AS event_date, hour(ts) AS event_hour, isodow(ts) AS day_of_week, isodow(ts) >= 6 AS is_weekend,
      hour(ts) >= 23 OR hour(ts) < 5 AS is_late_night,
      CASE WHEN ((h >> 25) % 1000) < 300 THEN 'LOW' WHEN ((h >> 25) % 1000) < 700 THEN 'MEDIUM' ELSE 'HIGH' END AS risk_tier,
      'small' AS amount_bucket, (h >> 3) % 4 <> (h >> 5) % 4 AS is_cross_border,
      round(((h >> 25) % 1000) / 1000.0 * 0.8, 4) AS composite_risk_score, 10 AS rule_risk_points,
      ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'][1 + ((h >> 43) % 5)::INT] AS rule_risk_level
    FROM base`);
}
