-- The time range of silver and the split point: the newest $h of the range is the holdout.
SELECT
  CAST(min(event_timestamp) AS VARCHAR) AS start_at,
  CAST(max(event_timestamp) AS VARCHAR) AS end_at,
  CAST(min(event_timestamp) + (max(event_timestamp) - min(event_timestamp)) * (1 - $h) AS VARCHAR) AS split_at
FROM payments_enriched_silver
