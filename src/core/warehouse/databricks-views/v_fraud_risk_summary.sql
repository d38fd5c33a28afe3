-- Databricks SQL, over silver: one row per rule-based risk level over all data, CRITICAL first.
CREATE OR REPLACE VIEW v_fraud_risk_summary AS
SELECT
  rule_risk_level,
  count(*) AS transactions,
  count_if(is_fraud) AS fraud_count,
  round(100.0 * count_if(is_fraud) / count(*), 2) AS fraud_rate_pct,
  round(100.0 * count_if(is_approved) / count(*), 2) AS approval_rate_pct,
  CAST(round(sum(amount), 2) AS DECIMAL(18, 2)) AS total_value,
  round(avg(composite_risk_score), 4) AS avg_composite_risk
FROM payments_enriched_silver
GROUP BY rule_risk_level
ORDER BY CASE rule_risk_level WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END
