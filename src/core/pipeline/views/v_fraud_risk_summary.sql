-- One row per rule-based risk level over all data.
CREATE OR REPLACE VIEW v_fraud_risk_summary AS
SELECT
  rule_risk_level::VARCHAR AS rule_risk_level,
  count(*) AS transactions,
  count(*) FILTER (WHERE is_fraud) AS fraud_count,
  round(100.0 * count(*) FILTER (WHERE is_fraud) / count(*), 2) AS fraud_rate_pct,
  round(100.0 * count(*) FILTER (WHERE is_approved) / count(*), 2) AS approval_rate_pct,
  round(sum(amount), 2)::DECIMAL(18, 2) AS total_value,
  round(avg(composite_risk_score), 4) AS avg_composite_risk
FROM payments_enriched_silver AS s
GROUP BY s.rule_risk_level
-- Enum order (LOW → HIGH, CRITICAL first), not alphabetical.
ORDER BY s.rule_risk_level DESC
