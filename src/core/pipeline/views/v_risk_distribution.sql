-- One row per risk tier over all data. Reads gold_partials.
CREATE OR REPLACE VIEW v_risk_distribution AS
SELECT
  k1 AS risk_tier,
  sum(n)::BIGINT AS transactions,
  round(100.0 * sum(n) / sum(sum(n)) OVER (), 2) AS pct_of_total,
  round(100.0 * sum(approved) / sum(n), 2) AS approval_rate_pct,
  round(sum(fraud_score_sum) / nullif(sum(fraud_score_n), 0), 4) AS avg_fraud_score
FROM gold_partials
WHERE agg = 'risk'
GROUP BY k1
-- Enum order (LOW → HIGH), not alphabetical.
ORDER BY k1::risk_tier_t
