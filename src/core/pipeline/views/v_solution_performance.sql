-- One row per payment solution over all data. Reads gold_partials.
CREATE OR REPLACE VIEW v_solution_performance AS
SELECT
  k1 AS payment_solution,
  sum(n)::BIGINT AS transactions,
  round(100.0 * sum(approved) / sum(n), 2) AS approval_rate_pct,
  round(sum(fraud_score_sum) / nullif(sum(fraud_score_n), 0), 4) AS avg_fraud_score,
  round(sum(amount), 2)::DECIMAL(18, 2) AS total_value,
  round(sum(latency_sum) / nullif(sum(latency_n), 0), 1) AS avg_latency_ms,
  round(100.0 * sum(threeds) / sum(n), 2) AS three_ds_rate_pct,
  round(100.0 * sum(tokens) / sum(n), 2) AS network_token_rate_pct
FROM gold_partials
WHERE agg = 'solution'
GROUP BY k1
ORDER BY transactions DESC
