-- Databricks SQL, over silver: one row per issuer country × merchant country over all data.
CREATE OR REPLACE VIEW v_performance_by_geography AS
SELECT
  issuer_country,
  merchant_country,
  issuer_country <> merchant_country AS is_cross_border,
  count(*) AS transactions,
  round(100.0 * count_if(is_approved) / count(*), 2) AS approval_rate_pct,
  CAST(round(sum(amount), 2) AS DECIMAL(18, 2)) AS total_value,
  round(avg(fraud_score), 4) AS avg_fraud_score
FROM payments_enriched_silver
GROUP BY issuer_country, merchant_country
ORDER BY transactions DESC
