-- One row per hour: the 7 × 24 hours ending with the newest event's hour. Reads the hourly
-- gold_partials.
CREATE OR REPLACE VIEW v_approval_trends_hourly AS
WITH h AS (
  SELECT kt AS hour_start, sum(n) AS n, sum(approved) AS approved, sum(fraud_score_sum) AS fs, sum(fraud_score_n) AS fsn, sum(amount) AS amount
  FROM gold_partials WHERE agg = 'hour'
  GROUP BY kt
),
anchor AS (SELECT max(hour_start) AS t FROM h)
SELECT
  hour_start,
  n::BIGINT AS transactions,
  approved::BIGINT AS approved_count,
  round(100.0 * approved / n, 2) AS approval_rate_pct,
  round(fs / nullif(fsn, 0), 4) AS avg_fraud_score,
  round(amount, 2)::DECIMAL(18, 2) AS total_value
FROM h, anchor
WHERE hour_start > anchor.t - INTERVAL 7 DAY
ORDER BY hour_start
