-- Databricks SQL, over silver: one row per payment solution over all data.
CREATE OR REPLACE VIEW v_solution_performance AS
SELECT
  payment_solution,
  count(*) AS transactions,
  round(100.0 * count_if(is_approved) / count(*), 2) AS approval_rate_pct,
  round(avg(fraud_score), 4) AS avg_fraud_score,
  CAST(round(sum(amount), 2) AS DECIMAL(18, 2)) AS total_value,
  round(avg(processing_latency_ms), 1) AS avg_latency_ms,
  round(100.0 * count_if(uses_3ds) / count(*), 2) AS three_ds_rate_pct,
  round(100.0 * count_if(is_network_token) / count(*), 2) AS network_token_rate_pct
FROM payments_enriched_silver
GROUP BY payment_solution
ORDER BY transactions DESC
