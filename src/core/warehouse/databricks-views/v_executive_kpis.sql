-- Databricks SQL, over silver: headline KPIs over the 30 days (rolling, 30 × 24 h) ending at the
-- newest event in silver.
CREATE OR REPLACE VIEW v_executive_kpis AS
WITH anchor AS (
  SELECT t, t - INTERVAL 30 DAYS AS since FROM (SELECT max(event_timestamp) AS t FROM payments_enriched_silver)
),
w AS (
  SELECT count(*) AS n, count_if(is_approved) AS approved, count_if(NOT is_approved) AS declined, avg(fraud_score) AS avg_fs,
    sum(amount) AS amount, sum(amount) FILTER (WHERE is_approved) AS approved_amount
  FROM payments_enriched_silver, anchor
  WHERE event_timestamp > anchor.since
)
SELECT
  n AS total_transactions,
  approved AS approved_count,
  declined AS declined_count,
  round(100.0 * approved / nullif(n, 0), 2) AS approval_rate_pct,
  round(avg_fs, 4) AS avg_fraud_score,
  CAST(round(coalesce(amount, 0), 2) AS DECIMAL(18, 2)) AS total_transaction_value,
  CAST(round(coalesce(approved_amount, 0), 2) AS DECIMAL(18, 2)) AS approved_value,
  CAST(round(amount / nullif(n, 0), 2) AS DECIMAL(18, 2)) AS avg_ticket,
  (SELECT since FROM anchor) AS period_start,
  (SELECT t FROM anchor) AS period_end
FROM w
