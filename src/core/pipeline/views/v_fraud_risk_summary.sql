-- One row per rule-based risk level over all data. Reads gold_partials.
CREATE OR REPLACE VIEW v_fraud_risk_summary AS
SELECT
  k1 AS rule_risk_level,
  sum(n)::BIGINT AS transactions,
  sum(fraud)::BIGINT AS fraud_count,
  round(100.0 * sum(fraud) / sum(n), 2) AS fraud_rate_pct,
  round(100.0 * sum(approved) / sum(n), 2) AS approval_rate_pct,
  round(sum(amount), 2)::DECIMAL(18, 2) AS total_value,
  round(sum(composite_sum) / nullif(sum(composite_n), 0), 4) AS avg_composite_risk
FROM gold_partials
WHERE agg = 'rule'
GROUP BY k1
-- Enum order, CRITICAL first.
ORDER BY k1::rule_risk_level_t DESC
