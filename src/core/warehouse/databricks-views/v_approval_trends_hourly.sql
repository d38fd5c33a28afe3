-- Databricks SQL, over silver: one row per hour, the 7 × 24 hours ending with the newest event's hour.
CREATE OR REPLACE VIEW v_approval_trends_hourly AS
WITH h AS (
  SELECT date_trunc('HOUR', event_timestamp) AS hour_start, count(*) AS n, count_if(is_approved) AS approved,
    avg(fraud_score) AS avg_fs, sum(amount) AS amount
  FROM payments_enriched_silver
  GROUP BY date_trunc('HOUR', event_timestamp)
),
anchor AS (SELECT max(hour_start) AS t FROM h)
SELECT
  hour_start,
  n AS transactions,
  approved AS approved_count,
  round(100.0 * approved / n, 2) AS approval_rate_pct,
  round(avg_fs, 4) AS avg_fraud_score,
  CAST(round(amount, 2) AS DECIMAL(18, 2)) AS total_value
FROM h, anchor
WHERE hour_start > anchor.t - INTERVAL 7 DAYS
ORDER BY hour_start
