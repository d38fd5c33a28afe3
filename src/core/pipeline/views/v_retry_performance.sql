-- Retries by attempt number and by the decline they retried (the first attempt's reason).
-- Reads gold_partials.
CREATE OR REPLACE VIEW v_retry_performance AS
SELECT
  k1::INTEGER AS retry_attempt,
  k2 AS decline_reason,
  sum(n)::BIGINT AS attempts,
  sum(approved)::BIGINT AS approved_count,
  round(100.0 * sum(approved) / sum(n), 2) AS success_rate_pct,
  round(sum(ssd_sum) / nullif(sum(ssd_n), 0), 1) AS avg_seconds_since_decline,
  round(sum(approved_amount), 2)::DECIMAL(18, 2) AS recovered_value
FROM gold_partials
WHERE agg = 'retry' AND k1::INTEGER >= 1
GROUP BY k1, k2
ORDER BY retry_attempt, attempts DESC
