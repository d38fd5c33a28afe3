-- A small, seeded stand-in for payments_enriched_silver (first attempts plus retries of soft
-- declines) for agent tests; incidents are applied afterwards by agents-fixture.ts.
CREATE OR REPLACE TABLE payments_enriched_silver AS
WITH base AS (
  SELECT i,
    CAST($end_ts AS TIMESTAMP) - to_seconds(CAST(floor((hash(i, $seed, 1) % 1000000) / 1000000.0 * $days * 86400) AS BIGINT)) AS event_timestamp,
    (hash(i, $seed, 2) % 1000000) / 1000000.0 AS u_proc,
    (hash(i, $seed, 3) % 1000000) / 1000000.0 AS u_net,
    (hash(i, $seed, 4) % 1000000) / 1000000.0 AS u_country,
    (hash(i, $seed, 5) % 1000000) / 1000000.0 AS u_seg,
    (hash(i, $seed, 6) % 1000000) / 1000000.0 AS u_fraud,
    (hash(i, $seed, 7) % 1000000) / 1000000.0 AS u_approve,
    (hash(i, $seed, 8) % 1000000) / 1000000.0 AS u_reason,
    (hash(i, $seed, 9) % 1000000) / 1000000.0 AS u_amount,
    (hash(i, $seed, 10) % 1000000) / 1000000.0 AS u_3ds,
    (hash(i, $seed, 11) % 1000000) / 1000000.0 AS u_token,
    (hash(i, $seed, 12) % 1000000) / 1000000.0 AS u_latency,
    (hash(i, $seed, 13) % 1000000) / 1000000.0 AS u_merchant
  FROM range(CAST($n AS BIGINT)) t(i)
), dims AS (
  SELECT *,
    CASE WHEN u_proc < 0.4 THEN 'ProcessorA' WHEN u_proc < 0.75 THEN 'ProcessorB' ELSE 'ProcessorC' END AS processor,
    CASE WHEN u_net < 0.45 THEN 'Visa' WHEN u_net < 0.8 THEN 'Mastercard' WHEN u_net < 0.9 THEN 'Elo' WHEN u_net < 0.96 THEN 'Amex' ELSE 'Discover' END AS card_network,
    CASE WHEN u_country < 0.4 THEN 'BR' WHEN u_country < 0.65 THEN 'US' WHEN u_country < 0.8 THEN 'MX' ELSE 'GB' END AS issuer_country,
    ['Retail', 'Travel', 'Gaming', 'Digital Goods', 'Food Delivery', 'Subscriptions', 'Marketplace', 'Utilities'][1 + CAST(floor(u_seg * 8) AS INTEGER)] AS merchant_segment,
    CAST(floor(u_merchant * 40) AS INTEGER) AS merchant_no,
    CASE WHEN u_fraud < 0.7 THEN u_fraud * 0.3 WHEN u_fraud < 0.95 THEN 0.3 + (u_fraud - 0.7) * 1.6 ELSE 0.7 + (u_fraud - 0.95) * 6 END AS fraud_score,
    round(5 + u_amount * u_amount * 800, 2) AS amount,
    u_3ds < 0.35 AS uses_3ds,
    u_token < 0.4 AS is_network_token
  FROM base
), firsts AS (
  SELECT *,
    -- ProcessorB approves Visa/BR better: the routing signal.
    0.98 - 0.35 * fraud_score
      - CASE WHEN processor = 'ProcessorC' AND card_network = 'Visa' AND issuer_country = 'BR' THEN 0.12 ELSE 0 END
      + CASE WHEN uses_3ds AND fraud_score >= 0.3 THEN 0.05 ELSE 0 END
      + CASE WHEN is_network_token THEN 0.02 ELSE 0 END AS p_approve
  FROM dims
), first_rows AS (
  SELECT printf('tx-%08d', i) AS transaction_id, event_timestamp,
    printf('M%03d', merchant_no) AS merchant_id, printf('Merchant %03d', merchant_no) AS merchant_name, merchant_segment,
    'BR' AS merchant_country, issuer_country, card_network, 'credit' AS card_type, 'ecommerce' AS channel, 'Checkout' AS payment_solution,
    processor, CAST(amount AS DECIMAL(12, 2)) AS amount, 'USD' AS currency, uses_3ds,
    CASE WHEN uses_3ds THEN 'frictionless' ELSE 'not_attempted' END AS three_ds_outcome, is_network_token,
    fraud_score, 0.2 AS aml_risk_score, 0.8 AS device_trust_score, 0.1 AS velocity_score,
    u_approve < p_approve AS is_approved,
    CASE WHEN u_approve < p_approve THEN NULL
         WHEN fraud_score >= 0.7 THEN 'suspected_fraud'
         WHEN u_reason < 0.4 THEN 'insufficient_funds' WHEN u_reason < 0.7 THEN 'do_not_honor'
         WHEN u_reason < 0.8 THEN 'expired_card' WHEN u_reason < 0.9 THEN 'issuer_unavailable' ELSE 'invalid_cvv' END AS decline_reason,
    FALSE AS is_retry, 0 AS retry_attempt, CAST(NULL AS VARCHAR) AS original_transaction_id, CAST(NULL AS INTEGER) AS seconds_since_decline,
    CAST(80 + u_latency * 220 AS INTEGER) AS processing_latency_ms,
    fraud_score >= 0.7 AND u_reason < 0.5 AS is_fraud,
    i
  FROM firsts
), retry_rows AS (
  SELECT 'rt-' || substr(transaction_id, 4) AS transaction_id,
    event_timestamp + to_seconds(CASE WHEN (hash(i, $seed, 20) % 2) = 0 THEN 30 ELSE 1800 END) AS event_timestamp,
    merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country, card_network, card_type, channel, payment_solution,
    processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token, fraud_score, aml_risk_score, device_trust_score, velocity_score,
    ((hash(i, $seed, 21) % 1000000) / 1000000.0) < CASE WHEN decline_reason IN ('expired_card', 'invalid_cvv') THEN 0.01
                                                       WHEN (hash(i, $seed, 20) % 2) = 0 THEN 0.12 ELSE 0.45 END AS is_approved,
    decline_reason AS prior_reason,
    TRUE AS is_retry, 1 AS retry_attempt, transaction_id AS original_transaction_id,
    CASE WHEN (hash(i, $seed, 20) % 2) = 0 THEN 30 ELSE 1800 END AS seconds_since_decline,
    processing_latency_ms, FALSE AS is_fraud, i
  FROM first_rows
  WHERE NOT is_approved AND decline_reason IN ('insufficient_funds', 'do_not_honor', 'expired_card', 'invalid_cvv')
    AND ((hash(i, $seed, 22) % 1000000) / 1000000.0) < 0.5
    AND event_timestamp < CAST($end_ts AS TIMESTAMP) - INTERVAL 1 HOUR
)
SELECT transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country, card_network,
  card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token, fraud_score,
  aml_risk_score, device_trust_score, velocity_score, is_approved, decline_reason,
  CASE WHEN is_approved THEN '00' ELSE '05' END AS response_code, is_retry, retry_attempt, original_transaction_id,
  seconds_since_decline, processing_latency_ms, is_fraud
FROM first_rows
UNION ALL
SELECT transaction_id, event_timestamp, merchant_id, merchant_name, merchant_segment, merchant_country, issuer_country, card_network,
  card_type, channel, payment_solution, processor, amount, currency, uses_3ds, three_ds_outcome, is_network_token, fraud_score,
  aml_risk_score, device_trust_score, velocity_score, is_approved, CASE WHEN is_approved THEN NULL ELSE prior_reason END,
  CASE WHEN is_approved THEN '00' ELSE '05' END, is_retry, retry_attempt, original_transaction_id,
  seconds_since_decline, processing_latency_ms, is_fraud
FROM retry_rows
