-- Folds silver batches (watermark, batch_id] into gold_partials. One pass computes each row's
-- 0/1 flags and its amount in cents; then one GROUP BY per family of gold views sums only the
-- measures that family's views read (the rest are 0). Integer sums in plain GROUP BYs cost about
-- a quarter of one GROUPING SETS pass with FILTERed DECIMAL sums, the biggest cost of ingest.
-- Family → measures: see the SELECT of each family below; views must read only those.
INSERT INTO gold_partials
WITH b AS MATERIALIZED (
  SELECT processor, card_network, issuer_country, merchant_country, merchant_segment, merchant_id, merchant_name,
    event_date, processing_latency_ms, retry_attempt, decline_reason, original_decline_reason, payment_solution,
    risk_tier, rule_risk_level, three_ds_outcome, fraud_score, composite_risk_score, seconds_since_decline,
    CASE WHEN is_retry THEN original_decline_reason ELSE decline_reason END AS rec_reason,
    date_trunc('hour', event_timestamp) AS hr,
    is_approved::INTEGER AS a,
    (NOT is_approved)::INTEGER AS d,
    (NOT is_approved AND NOT is_retry)::INTEGER AS fd,
    (is_retry AND retry_attempt = 1)::INTEGER AS r1,
    (is_retry AND is_approved)::INTEGER AS rc,
    is_fraud::INTEGER AS f,
    uses_3ds::INTEGER AS t3,
    is_network_token::INTEGER AS tk,
    (response_code IN ('91', '96'))::INTEGER AS er,
    (amount * 100)::BIGINT AS c
  FROM payments_enriched_silver
  WHERE _batch_id > $watermark AND _batch_id <= $batch_id
),
-- The merchant × day grain (a few thousand rows) holds every measure of the merchant, merchant-day,
-- segment, day and total families: they are summed from it instead of each scanning the batch.
m AS MATERIALIZED (
  SELECT merchant_id, merchant_segment, event_date, any_value(merchant_name) AS merchant_name,
    count(*) AS n, sum(a) AS approved, sum(d) AS declined, sum(f) AS fraud, sum(c) AS amount_c, sum(er) AS errors,
    sum(c * a) AS approved_amount_c, sum(c * d) AS declined_amount_c, sum(c * fd) AS first_declined_amount_c,
    sum(c * rc) AS recovered_amount_c, sum(c * a * f) AS fraud_loss_amount_c
  FROM b GROUP BY merchant_id, merchant_segment, event_date
),
fam AS (
  SELECT 'routing' AS agg, processor::VARCHAR AS k1, card_network::VARCHAR AS k2, issuer_country::VARCHAR AS k3,
    count(*) AS n, sum(a) AS approved, sum(processing_latency_ms) AS latency_sum, count(processing_latency_ms) AS latency_n
  FROM b GROUP BY processor, card_network, issuer_country
  UNION ALL BY NAME
  SELECT 'geo' AS agg, issuer_country::VARCHAR AS k1, merchant_country::VARCHAR AS k2,
    count(*) AS n, sum(a) AS approved, sum(c) AS amount_c, sum(fraud_score) AS fraud_score_sum, count(fraud_score) AS fraud_score_n
  FROM b GROUP BY issuer_country, merchant_country
  UNION ALL BY NAME
  SELECT 'recovery' AS agg, rec_reason::VARCHAR AS k1, merchant_segment::VARCHAR AS k2, card_network::VARCHAR AS k3,
    count(*) AS n, sum(fd) AS first_declines, sum(c * fd) AS first_declined_amount_c, sum(r1) AS retried1,
    sum(rc) AS recovered, sum(c * rc) AS recovered_amount_c
  FROM b GROUP BY rec_reason, merchant_segment, card_network
  UNION ALL BY NAME
  SELECT 'latency_day' AS agg, processing_latency_ms::VARCHAR AS k1, event_date::TIMESTAMP AS kt, count(*) AS n, sum(er) AS errors
  FROM b GROUP BY event_date, processing_latency_ms
  UNION ALL BY NAME
  SELECT 'retry' AS agg, retry_attempt::VARCHAR AS k1, original_decline_reason::VARCHAR AS k2, count(*) AS n, sum(a) AS approved,
    sum(c * a) AS approved_amount_c, sum(seconds_since_decline) AS ssd_sum, count(seconds_since_decline) AS ssd_n
  FROM b GROUP BY retry_attempt, original_decline_reason
  UNION ALL BY NAME
  SELECT 'reason' AS agg, decline_reason::VARCHAR AS k1, count(*) AS n, sum(d) AS declined, sum(fd) AS first_declines,
    sum(c * d) AS declined_amount_c
  FROM b GROUP BY decline_reason
  UNION ALL BY NAME
  SELECT 'orig_reason' AS agg, original_decline_reason::VARCHAR AS k1, count(*) AS n, sum(rc) AS recovered
  FROM b GROUP BY original_decline_reason
  UNION ALL BY NAME
  SELECT 'solution' AS agg, payment_solution::VARCHAR AS k1, count(*) AS n, sum(a) AS approved, sum(c) AS amount_c,
    sum(fraud_score) AS fraud_score_sum, count(fraud_score) AS fraud_score_n, sum(processing_latency_ms) AS latency_sum,
    count(processing_latency_ms) AS latency_n, sum(t3) AS threeds, sum(tk) AS tokens
  FROM b GROUP BY payment_solution
  UNION ALL BY NAME
  SELECT 'network' AS agg, card_network::VARCHAR AS k1, count(*) AS n, sum(a) AS approved, sum(d) AS declined, sum(f) AS fraud, sum(c) AS amount_c
  FROM b GROUP BY card_network
  UNION ALL BY NAME
  SELECT 'risk' AS agg, risk_tier::VARCHAR AS k1, count(*) AS n, sum(a) AS approved, sum(fraud_score) AS fraud_score_sum, count(fraud_score) AS fraud_score_n
  FROM b GROUP BY risk_tier
  UNION ALL BY NAME
  SELECT 'rule' AS agg, rule_risk_level::VARCHAR AS k1, count(*) AS n, sum(a) AS approved, sum(f) AS fraud, sum(c) AS amount_c,
    sum(composite_risk_score) AS composite_sum, count(composite_risk_score) AS composite_n
  FROM b GROUP BY rule_risk_level
  UNION ALL BY NAME
  SELECT 'tds' AS agg, three_ds_outcome::VARCHAR AS k1, count(*) AS n, sum(a) AS approved, sum(f) AS fraud,
    sum(fraud_score) AS fraud_score_sum, count(fraud_score) AS fraud_score_n
  FROM b GROUP BY three_ds_outcome
  UNION ALL BY NAME
  SELECT 'hour' AS agg, hr AS kt, count(*) AS n, sum(a) AS approved, sum(d) AS declined, sum(c) AS amount_c, sum(c * a) AS approved_amount_c,
    sum(fraud_score) AS fraud_score_sum, count(fraud_score) AS fraud_score_n
  FROM b GROUP BY hr
  UNION ALL BY NAME
  SELECT 'merchant_day' AS agg, merchant_id AS k1, event_date::TIMESTAMP AS kt, sum(n) AS n, sum(approved) AS approved
  FROM m GROUP BY merchant_id, event_date
  UNION ALL BY NAME
  SELECT 'merchant' AS agg, merchant_id AS k1, merchant_segment::VARCHAR AS k2, any_value(merchant_name) AS k3,
    sum(n) AS n, sum(approved) AS approved, sum(declined) AS declined, sum(fraud) AS fraud, sum(amount_c) AS amount_c
  FROM m GROUP BY merchant_id, merchant_segment
  UNION ALL BY NAME
  SELECT 'segment' AS agg, merchant_segment::VARCHAR AS k1, sum(n) AS n, sum(approved) AS approved, sum(fraud) AS fraud, sum(amount_c) AS amount_c
  FROM m GROUP BY merchant_segment
  UNION ALL BY NAME
  SELECT 'day' AS agg, event_date::TIMESTAMP AS kt, sum(n) AS n, sum(approved) AS approved, sum(declined) AS declined, sum(fraud) AS fraud,
    sum(amount_c) AS amount_c, sum(errors) AS errors
  FROM m GROUP BY event_date
  UNION ALL BY NAME
  SELECT 'total' AS agg, sum(n) AS n, sum(approved_amount_c) AS approved_amount_c, sum(declined_amount_c) AS declined_amount_c,
    sum(first_declined_amount_c) AS first_declined_amount_c, sum(recovered_amount_c) AS recovered_amount_c,
    sum(fraud_loss_amount_c) AS fraud_loss_amount_c
  FROM m HAVING sum(n) > 0
)
SELECT agg, k1, k2, k3, kt,
  n, coalesce(approved, 0), coalesce(declined, 0), coalesce(first_declines, 0), coalesce(retried1, 0), coalesce(recovered, 0),
  coalesce(fraud, 0), coalesce(threeds, 0), coalesce(tokens, 0), coalesce(errors, 0),
  coalesce(amount_c, 0)::DECIMAL(38, 0) * 0.01, coalesce(approved_amount_c, 0)::DECIMAL(38, 0) * 0.01,
  coalesce(declined_amount_c, 0)::DECIMAL(38, 0) * 0.01, coalesce(first_declined_amount_c, 0)::DECIMAL(38, 0) * 0.01,
  coalesce(recovered_amount_c, 0)::DECIMAL(38, 0) * 0.01, coalesce(fraud_loss_amount_c, 0)::DECIMAL(38, 0) * 0.01,
  coalesce(fraud_score_sum, 0), coalesce(fraud_score_n, 0), coalesce(latency_sum, 0), coalesce(latency_n, 0),
  coalesce(composite_sum, 0), coalesce(composite_n, 0), coalesce(ssd_sum, 0), coalesce(ssd_n, 0)
FROM fam
