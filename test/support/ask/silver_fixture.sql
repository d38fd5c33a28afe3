CREATE OR REPLACE TABLE payments_enriched_silver AS
WITH base AS (
  SELECT
    i,
    CAST(hash(i, $seed) % 1000000007 AS BIGINT) AS h,
    (hash(i, $seed, 1) % 1000000) / 1000000.0 AS u1,
    (hash(i, $seed, 2) % 1000000) / 1000000.0 AS u2,
    (hash(i, $seed, 3) % 1000000) / 1000000.0 AS u3,
    (hash(i, $seed, 4) % 1000000) / 1000000.0 AS u4,
    TIMESTAMP '2026-11-21 23:59:00' - to_seconds(CAST((hash(i, $seed, 5) % CAST($days * 86400 AS UBIGINT)) AS BIGINT)) AS ts
  FROM range($events) t(i)
), shaped AS (
  SELECT
    printf('tx-%08d', i) AS transaction_id,
    ts AS event_timestamp,
    printf('M%03d', 1 + h % 60) AS merchant_id,
    ['Retail','Travel','Gaming','Digital Goods','Food Delivery','Subscriptions','Marketplace','Utilities'][1 + (h % 60) % 8] AS merchant_segment,
    ['BR','US','MX','AR','CL','CO','PE','GB','ES','DE'][1 + (h % 60) % 10] AS merchant_country,
    ['BR','US','MX','AR','CL','CO','PE','GB','ES','DE'][1 + CASE WHEN u1 < 0.7 THEN (h % 60) % 10 ELSE (h // 7) % 10 END] AS issuer_country,
    ['Visa','Mastercard','Amex','Elo','Discover'][1 + (h // 11) % 5] AS card_network,
    ['credit','debit','prepaid'][1 + (h // 13) % 3] AS card_type,
    ['ecommerce','mobile_app','pos','recurring'][1 + (h // 17) % 4] AS channel,
    ['Checkout','Wallet','Payment Link','Recurring','POS Terminal'][1 + (h // 19) % 5] AS payment_solution,
    ['ProcessorA','ProcessorB','ProcessorC'][1 + (h // 23) % 3] AS processor,
    CAST(round(2 + u2 * u2 * 3000, 2) AS DECIMAL(12,2)) AS amount,
    ['BRL','USD','MXN','ARS','CLP','COP','PEN','GBP','EUR','EUR'][1 + (h % 60) % 10] AS currency,
    u3 < 0.4 AS uses_3ds,
    u4 < 0.3 AS is_network_token,
    round(u1 * u1, 4) AS fraud_score,
    round(u2, 4) AS aml_risk_score,
    round(1 - u3 * 0.8, 4) AS device_trust_score,
    round(u4, 4) AS velocity_score,
    (h // 29) % 100 AS roll,
    CAST(floor(sqrt((h // 31) % 100)) AS INTEGER) AS reason_pick,
    (h // 37) % 5 = 0 AS is_retry,
    1 + CAST((h // 41) % 50 AS INTEGER) AS latency_base
  FROM base
), decided AS (
  SELECT *,
    roll >= CASE WHEN fraud_score > 0.7 THEN 40 ELSE 8 END + CASE WHEN merchant_country <> issuer_country THEN 4 ELSE 0 END AS is_approved
  FROM shaped
)
SELECT
  transaction_id, event_timestamp, merchant_id,
  'Merchant ' || merchant_id AS merchant_name,
  merchant_segment, merchant_country, issuer_country, card_network, card_type, channel, payment_solution, processor,
  amount, currency, uses_3ds,
  CASE WHEN NOT uses_3ds THEN 'not_attempted' WHEN is_approved THEN (CASE WHEN roll % 2 = 0 THEN 'frictionless' ELSE 'challenge_passed' END) ELSE 'challenge_failed' END AS three_ds_outcome,
  is_network_token, fraud_score, aml_risk_score, device_trust_score, velocity_score,
  is_approved,
  CASE WHEN is_approved THEN NULL ELSE ['insufficient_funds','do_not_honor','suspected_fraud','expired_card','invalid_cvv','issuer_unavailable','limit_exceeded','restricted_card','processing_error','insufficient_funds'][1 + reason_pick] END AS decline_reason,
  CASE WHEN is_approved THEN '00' ELSE ['51','05','59','54','N7','91','61','62','96','51'][1 + reason_pick] END AS response_code,
  is_retry,
  CASE WHEN is_retry THEN 1 ELSE 0 END AS retry_attempt,
  CASE WHEN is_retry THEN transaction_id || '-orig' END AS original_transaction_id,
  CASE WHEN is_retry THEN CAST(60 + roll * 30 AS INTEGER) END AS seconds_since_decline,
  CAST(latency_base * 7 + roll AS INTEGER) AS processing_latency_ms,
  fraud_score > 0.85 AND roll < 30 AS is_fraud,
  CAST(event_timestamp AS DATE) AS event_date,
  CAST(hour(event_timestamp) AS INTEGER) AS event_hour,
  CAST(isodow(event_timestamp) AS INTEGER) AS day_of_week,
  isodow(event_timestamp) >= 6 AS is_weekend,
  hour(event_timestamp) >= 23 OR hour(event_timestamp) < 5 AS is_late_night,
  CASE WHEN fraud_score < 0.3 THEN 'LOW' WHEN fraud_score < 0.7 THEN 'MEDIUM' ELSE 'HIGH' END AS risk_tier,
  CASE WHEN amount < 10 THEN 'micro' WHEN amount < 100 THEN 'small' WHEN amount < 1000 THEN 'medium' ELSE 'large' END AS amount_bucket,
  issuer_country <> merchant_country AS is_cross_border,
  round(0.5 * fraud_score + 0.3 * aml_risk_score + 0.2 * (1 - device_trust_score), 4) AS composite_risk_score,
  0 AS rule_risk_points,
  'MINIMAL' AS rule_risk_level
FROM decided;
