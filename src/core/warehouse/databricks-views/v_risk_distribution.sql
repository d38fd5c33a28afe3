-- Databricks SQL, over silver: one row per risk tier over all data, LOW → HIGH.
CREATE OR REPLACE VIEW v_risk_distribution AS
SELECT
  risk_tier,
  count(*) AS transactions,
  round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS pct_of_total,
  round(100.0 * count_if(is_approved) / count(*), 2) AS approval_rate_pct,
  round(avg(fraud_score), 4) AS avg_fraud_score
FROM payments_enriched_silver
GROUP BY risk_tier
ORDER BY CASE risk_tier WHEN 'LOW' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'HIGH' THEN 2 ELSE 3 END
