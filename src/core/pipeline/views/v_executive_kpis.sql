-- Headline KPIs over the 30 days (rolling, 30 × 24 h) ending at the newest event in silver:
-- whole hours from the hourly gold_partials, the partial first hour from silver.
CREATE OR REPLACE VIEW v_executive_kpis AS
WITH anchor AS (
  SELECT t, t - INTERVAL 30 DAY AS since, date_trunc('hour', t - INTERVAL 30 DAY) + INTERVAL 1 HOUR AS first_full_hour
  FROM (SELECT max(event_timestamp) AS t FROM payments_enriched_silver)
),
parts AS (
  SELECT sum(n) AS n, sum(approved) AS approved, sum(declined) AS declined, sum(fraud_score_sum) AS fs, sum(fraud_score_n) AS fsn,
    sum(amount) AS amount, sum(approved_amount) AS approved_amount
  FROM gold_partials, anchor WHERE agg = 'hour' AND kt >= anchor.first_full_hour
  UNION ALL
  SELECT count(*), count(*) FILTER (WHERE is_approved), count(*) FILTER (WHERE NOT is_approved), sum(fraud_score), count(fraud_score),
    sum(amount), sum(amount) FILTER (WHERE is_approved)
  FROM payments_enriched_silver, anchor
  WHERE event_timestamp > anchor.since AND event_timestamp < anchor.first_full_hour
),
w AS (
  SELECT coalesce(sum(n), 0) AS n, coalesce(sum(approved), 0) AS approved, coalesce(sum(declined), 0) AS declined,
    sum(fs) AS fs, sum(fsn) AS fsn, sum(amount) AS amount, sum(approved_amount) AS approved_amount
  FROM parts
)
SELECT
  n::BIGINT AS total_transactions,
  approved::BIGINT AS approved_count,
  declined::BIGINT AS declined_count,
  round(100.0 * approved / nullif(n, 0), 2) AS approval_rate_pct,
  round(fs / nullif(fsn, 0), 4) AS avg_fraud_score,
  round(coalesce(amount, 0), 2)::DECIMAL(18, 2) AS total_transaction_value,
  round(coalesce(approved_amount, 0), 2)::DECIMAL(18, 2) AS approved_value,
  round(amount / nullif(n, 0), 2)::DECIMAL(18, 2) AS avg_ticket,
  (SELECT since FROM anchor) AS period_start,
  (SELECT t FROM anchor) AS period_end
FROM w
