-- How much data the agents have and where its time axis ends (windows are anchored here).
WITH bounds AS (SELECT max(event_timestamp) AS newest, min(event_timestamp) AS oldest FROM payments_enriched_silver)
SELECT count(*) AS events,
  count(*) FILTER (WHERE event_timestamp > bounds.newest - INTERVAL 7 DAY) AS scan_events,
  -- Minutes the incident scans cover: 7 days, or less when the data is younger.
  greatest(1, date_diff('minute', greatest(max(bounds.oldest), max(bounds.newest) - INTERVAL 7 DAY), max(bounds.newest))) AS scan_minutes,
  strftime(max(bounds.newest), '%Y-%m-%d %H:%M:%S') AS anchor
FROM payments_enriched_silver, bounds
