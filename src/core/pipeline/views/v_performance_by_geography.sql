-- One row per issuer country × merchant country over all data. Reads gold_partials.
CREATE OR REPLACE VIEW v_performance_by_geography AS
SELECT
  k1 AS issuer_country,
  k2 AS merchant_country,
  k1 <> k2 AS is_cross_border,
  sum(n)::BIGINT AS transactions,
  round(100.0 * sum(approved) / sum(n), 2) AS approval_rate_pct,
  round(sum(amount), 2)::DECIMAL(18, 2) AS total_value,
  round(sum(fraud_score_sum) / nullif(sum(fraud_score_n), 0), 4) AS avg_fraud_score
FROM gold_partials
WHERE agg = 'geo'
GROUP BY k1, k2
ORDER BY transactions DESC
