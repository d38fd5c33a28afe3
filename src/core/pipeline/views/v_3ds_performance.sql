-- One row per 3-D Secure outcome over all data. Reads gold_partials.
CREATE OR REPLACE VIEW v_3ds_performance AS
SELECT
  k1 AS three_ds_outcome,
  sum(n)::BIGINT AS transactions,
  round(100.0 * sum(approved) / sum(n), 2) AS approval_rate_pct,
  round(100.0 * sum(fraud) / sum(n), 2) AS fraud_rate_pct,
  round(sum(fraud_score_sum) / nullif(sum(fraud_score_n), 0), 4) AS avg_fraud_score
FROM gold_partials
WHERE agg = 'tds'
GROUP BY k1
ORDER BY transactions DESC
