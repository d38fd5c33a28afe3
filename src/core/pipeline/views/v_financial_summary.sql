-- Money over all data. declined_value counts every declined attempt; recovered_value is what
-- approved retries won back; fraud losses are approved fraudulent payments; the recovery rate
-- is recovered value over the value of first attempts that were declined. Reads gold_partials.
CREATE OR REPLACE VIEW v_financial_summary AS
WITH t AS (
  SELECT
    coalesce(sum(approved_amount), 0) AS approved_value,
    coalesce(sum(declined_amount), 0) AS declined_value,
    coalesce(sum(first_declined_amount), 0) AS first_declined_value,
    coalesce(sum(recovered_amount), 0) AS recovered_value,
    coalesce(sum(fraud_loss_amount), 0) AS fraud_loss_value
  FROM gold_partials
  WHERE agg = 'total'
)
SELECT
  round(approved_value, 2)::DECIMAL(18, 2) AS approved_value,
  round(declined_value, 2)::DECIMAL(18, 2) AS declined_value,
  round(recovered_value, 2)::DECIMAL(18, 2) AS recovered_value,
  round(fraud_loss_value, 2)::DECIMAL(18, 2) AS fraud_loss_value,
  round(approved_value - fraud_loss_value, 2)::DECIMAL(18, 2) AS net_settled_value,
  round(100.0 * recovered_value / nullif(first_declined_value, 0), 2) AS recovery_rate_pct
FROM t
