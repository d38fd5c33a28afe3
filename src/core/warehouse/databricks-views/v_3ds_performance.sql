-- Databricks SQL, over silver: one row per 3-D Secure outcome over all data.
CREATE OR REPLACE VIEW v_3ds_performance AS
SELECT
  three_ds_outcome,
  count(*) AS transactions,
  round(100.0 * count_if(is_approved) / count(*), 2) AS approval_rate_pct,
  round(100.0 * count_if(is_fraud) / count(*), 2) AS fraud_rate_pct,
  round(avg(fraud_score), 4) AS avg_fraud_score
FROM payments_enriched_silver
GROUP BY three_ds_outcome
ORDER BY transactions DESC
