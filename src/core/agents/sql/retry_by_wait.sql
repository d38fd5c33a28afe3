-- Declined first attempts by reason, how many were retried, and how retries fared by wait before retrying.
WITH firsts AS (
  SELECT transaction_id, decline_reason::VARCHAR AS decline_reason, amount
  FROM payments_enriched_silver
  WHERE event_timestamp > CAST($anchor AS TIMESTAMP) - to_days(CAST($days AS INTEGER))
    AND event_timestamp <= CAST($anchor AS TIMESTAMP)
    AND NOT coalesce(is_retry, FALSE) AND NOT is_approved AND decline_reason IS NOT NULL
    AND ($decline_reason IS NULL OR decline_reason = $decline_reason)
), retried AS (
  SELECT DISTINCT original_transaction_id FROM payments_enriched_silver WHERE is_retry
), totals AS (
  SELECT f.decline_reason,
    count(*) AS declined_first_attempts,
    count(*) FILTER (WHERE r.original_transaction_id IS NULL) AS unretried_declines,
    round(coalesce(sum(f.amount) FILTER (WHERE r.original_transaction_id IS NULL), 0), 2) AS unretried_value
  FROM firsts f LEFT JOIN retried r ON r.original_transaction_id = f.transaction_id
  GROUP BY f.decline_reason
), retries AS (
  SELECT f.decline_reason, s.is_approved, s.amount,
    CASE WHEN s.seconds_since_decline < 60 THEN 1 WHEN s.seconds_since_decline < 600 THEN 2
         WHEN s.seconds_since_decline < 3600 THEN 3 WHEN s.seconds_since_decline < 21600 THEN 4 ELSE 5 END AS wait_order
  FROM payments_enriched_silver s JOIN firsts f ON s.original_transaction_id = f.transaction_id
  WHERE s.is_retry
)
SELECT t.decline_reason, r.wait_order,
  CASE r.wait_order WHEN 1 THEN 'under 1 min' WHEN 2 THEN '1-10 min' WHEN 3 THEN '10-60 min' WHEN 4 THEN '1-6 h' ELSE '6 h or more' END AS wait_bucket,
  count(*) AS retries,
  count(*) FILTER (WHERE r.is_approved) AS recovered,
  round(100.0 * count(*) FILTER (WHERE r.is_approved) / count(*), 2) AS success_rate_pct,
  round(coalesce(sum(r.amount) FILTER (WHERE r.is_approved), 0), 2) AS recovered_value,
  t.declined_first_attempts, t.unretried_declines, t.unretried_value
FROM totals t JOIN retries r ON r.decline_reason = t.decline_reason
GROUP BY ALL
ORDER BY t.decline_reason, r.wait_order
