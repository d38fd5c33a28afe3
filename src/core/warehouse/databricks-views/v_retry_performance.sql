-- Databricks SQL, over silver: retries by attempt number and by the decline they retried (the
-- first attempt's reason).
CREATE OR REPLACE VIEW v_retry_performance AS
SELECT
  retry_attempt,
  original_decline_reason AS decline_reason,
  count(*) AS attempts,
  count_if(is_approved) AS approved_count,
  round(100.0 * count_if(is_approved) / count(*), 2) AS success_rate_pct,
  round(avg(seconds_since_decline), 1) AS avg_seconds_since_decline,
  CAST(round(coalesce(sum(amount) FILTER (WHERE is_approved), 0), 2) AS DECIMAL(18, 2)) AS recovered_value
FROM payments_enriched_silver
WHERE retry_attempt >= 1
GROUP BY retry_attempt, original_decline_reason
ORDER BY retry_attempt, attempts DESC
