-- Databricks SQL, over silver: money over all data. declined_value counts every declined attempt;
-- recovered_value is what approved retries won back; fraud losses are approved fraudulent
-- payments; the recovery rate is recovered value over the value of first attempts that were declined.
CREATE OR REPLACE VIEW v_financial_summary AS
WITH t AS (
  SELECT
    coalesce(sum(amount) FILTER (WHERE is_approved), 0) AS approved_value,
    coalesce(sum(amount) FILTER (WHERE NOT is_approved), 0) AS declined_value,
    coalesce(sum(amount) FILTER (WHERE NOT is_approved AND NOT is_retry), 0) AS first_declined_value,
    coalesce(sum(amount) FILTER (WHERE is_retry AND is_approved), 0) AS recovered_value,
    coalesce(sum(amount) FILTER (WHERE is_approved AND is_fraud), 0) AS fraud_loss_value
  FROM payments_enriched_silver
)
SELECT
  CAST(round(approved_value, 2) AS DECIMAL(18, 2)) AS approved_value,
  CAST(round(declined_value, 2) AS DECIMAL(18, 2)) AS declined_value,
  CAST(round(recovered_value, 2) AS DECIMAL(18, 2)) AS recovered_value,
  CAST(round(fraud_loss_value, 2) AS DECIMAL(18, 2)) AS fraud_loss_value,
  CAST(round(approved_value - fraud_loss_value, 2) AS DECIMAL(18, 2)) AS net_settled_value,
  round(100.0 * recovered_value / nullif(first_declined_value, 0), 2) AS recovery_rate_pct
FROM t
