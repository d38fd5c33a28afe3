-- One row per risk tier over all data.
CREATE OR REPLACE VIEW v_risk_distribution AS
SELECT
  risk_tier::VARCHAR AS risk_tier,
  count(*) AS transactions,
  round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS pct_of_total,
  round(100.0 * count(*) FILTER (WHERE is_approved) / count(*), 2) AS approval_rate_pct,
  round(avg(fraud_score), 4) AS avg_fraud_score
FROM payments_enriched_silver AS s
GROUP BY s.risk_tier
-- Enum order (LOW → HIGH, CRITICAL first), not alphabetical.
ORDER BY s.risk_tier
