-- Folds silver batches (watermark, batch_id] into gold_partials: one scan of their rows, one
-- grouping set per family of gold views. The CASE below names each set by which keys it groups.
INSERT INTO gold_partials
WITH b AS (
  SELECT *,
    CASE WHEN is_retry THEN original_decline_reason ELSE decline_reason END AS rec_reason,
    date_trunc('hour', event_timestamp) AS hr
  FROM payments_enriched_silver
  WHERE _batch_id > $watermark AND _batch_id <= $batch_id
),
g AS (
  SELECT
    CASE
      WHEN GROUPING(processor) = 0 THEN 'routing'
      WHEN GROUPING(merchant_country) = 0 THEN 'geo'
      WHEN GROUPING(rec_reason) = 0 THEN 'recovery'
      WHEN GROUPING(processing_latency_ms) = 0 THEN 'latency_day'
      WHEN GROUPING(retry_attempt) = 0 THEN 'retry'
      WHEN GROUPING(merchant_id) = 0 AND GROUPING(event_date) = 0 THEN 'merchant_day'
      WHEN GROUPING(merchant_id) = 0 THEN 'merchant'
      WHEN GROUPING(decline_reason) = 0 THEN 'reason'
      WHEN GROUPING(original_decline_reason) = 0 THEN 'orig_reason'
      WHEN GROUPING(payment_solution) = 0 THEN 'solution'
      WHEN GROUPING(card_network) = 0 THEN 'network'
      WHEN GROUPING(merchant_segment) = 0 THEN 'segment'
      WHEN GROUPING(risk_tier) = 0 THEN 'risk'
      WHEN GROUPING(rule_risk_level) = 0 THEN 'rule'
      WHEN GROUPING(three_ds_outcome) = 0 THEN 'tds'
      WHEN GROUPING(hr) = 0 THEN 'hour'
      WHEN GROUPING(event_date) = 0 THEN 'day'
      ELSE 'total'
    END AS agg,
    CASE
      WHEN GROUPING(processor) = 0 THEN processor::VARCHAR
      WHEN GROUPING(merchant_country) = 0 THEN issuer_country::VARCHAR
      WHEN GROUPING(rec_reason) = 0 THEN rec_reason::VARCHAR
      WHEN GROUPING(processing_latency_ms) = 0 THEN processing_latency_ms::VARCHAR
      WHEN GROUPING(retry_attempt) = 0 THEN retry_attempt::VARCHAR
      WHEN GROUPING(merchant_id) = 0 THEN merchant_id
      WHEN GROUPING(decline_reason) = 0 THEN decline_reason::VARCHAR
      WHEN GROUPING(original_decline_reason) = 0 THEN original_decline_reason::VARCHAR
      WHEN GROUPING(payment_solution) = 0 THEN payment_solution::VARCHAR
      WHEN GROUPING(card_network) = 0 THEN card_network::VARCHAR
      WHEN GROUPING(merchant_segment) = 0 THEN merchant_segment::VARCHAR
      WHEN GROUPING(risk_tier) = 0 THEN risk_tier::VARCHAR
      WHEN GROUPING(rule_risk_level) = 0 THEN rule_risk_level::VARCHAR
      WHEN GROUPING(three_ds_outcome) = 0 THEN three_ds_outcome::VARCHAR
    END AS k1,
    CASE
      WHEN GROUPING(processor) = 0 THEN card_network::VARCHAR
      WHEN GROUPING(merchant_country) = 0 THEN merchant_country::VARCHAR
      WHEN GROUPING(rec_reason) = 0 THEN merchant_segment::VARCHAR
      WHEN GROUPING(retry_attempt) = 0 THEN original_decline_reason::VARCHAR
      WHEN GROUPING(merchant_id) = 0 AND GROUPING(event_date) = 1 THEN merchant_segment::VARCHAR
    END AS k2,
    CASE
      WHEN GROUPING(processor) = 0 THEN issuer_country::VARCHAR
      WHEN GROUPING(rec_reason) = 0 THEN card_network::VARCHAR
      WHEN GROUPING(merchant_id) = 0 AND GROUPING(event_date) = 1 THEN any_value(merchant_name)
    END AS k3,
    CASE WHEN GROUPING(hr) = 0 THEN hr WHEN GROUPING(event_date) = 0 THEN event_date::TIMESTAMP END AS kt,
    count(*) AS n,
    count(*) FILTER (WHERE is_approved) AS approved,
    count(*) FILTER (WHERE NOT is_approved) AS declined,
    count(*) FILTER (WHERE NOT is_approved AND NOT is_retry) AS first_declines,
    count(*) FILTER (WHERE is_retry AND retry_attempt = 1) AS retried1,
    count(*) FILTER (WHERE is_retry AND is_approved) AS recovered,
    count(*) FILTER (WHERE is_fraud) AS fraud,
    count(*) FILTER (WHERE uses_3ds) AS threeds,
    count(*) FILTER (WHERE is_network_token) AS tokens,
    count(*) FILTER (WHERE response_code IN ('91', '96')) AS errors,
    coalesce(sum(amount), 0) AS amount,
    coalesce(sum(amount) FILTER (WHERE is_approved), 0) AS approved_amount,
    coalesce(sum(amount) FILTER (WHERE NOT is_approved), 0) AS declined_amount,
    coalesce(sum(amount) FILTER (WHERE NOT is_approved AND NOT is_retry), 0) AS first_declined_amount,
    coalesce(sum(amount) FILTER (WHERE is_retry AND is_approved), 0) AS recovered_amount,
    coalesce(sum(amount) FILTER (WHERE is_approved AND is_fraud), 0) AS fraud_loss_amount,
    coalesce(sum(fraud_score), 0) AS fraud_score_sum,
    count(fraud_score) AS fraud_score_n,
    coalesce(sum(processing_latency_ms), 0) AS latency_sum,
    count(processing_latency_ms) AS latency_n,
    coalesce(sum(composite_risk_score), 0) AS composite_sum,
    count(composite_risk_score) AS composite_n,
    coalesce(sum(seconds_since_decline), 0) AS ssd_sum,
    count(seconds_since_decline) AS ssd_n
  FROM b
  GROUP BY GROUPING SETS (
    (processor, card_network, issuer_country), (issuer_country, merchant_country), (rec_reason, merchant_segment, card_network),
    (retry_attempt, original_decline_reason), (merchant_id, merchant_segment), (merchant_id, event_date), (event_date, processing_latency_ms), (decline_reason), (original_decline_reason),
    (payment_solution), (card_network), (merchant_segment), (risk_tier), (rule_risk_level), (three_ds_outcome), (hr), (event_date), ()
  )
)
SELECT * FROM g
