-- Attempts, approvals and value over the analysis period: the denominators for approval points.
SELECT count(*) AS attempts,
  count(*) FILTER (WHERE is_approved) AS approved,
  round(100.0 * count(*) FILTER (WHERE is_approved) / nullif(count(*), 0), 2) AS approval_rate_pct,
  round(coalesce(sum(amount) FILTER (WHERE is_approved), 0), 2) AS approved_value,
  round(avg(amount), 2) AS avg_ticket,
  CAST($target_pct AS DOUBLE) AS target_approval_rate_pct
FROM payments_enriched_silver
WHERE event_timestamp > CAST($anchor AS TIMESTAMP) - to_days(CAST($days AS INTEGER))
  AND event_timestamp <= CAST($anchor AS TIMESTAMP)
