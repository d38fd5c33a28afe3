-- How much data the agents have and where its time axis ends (windows are anchored here).
WITH bounds AS (SELECT max(event_timestamp) AS newest FROM payments_enriched_silver)
SELECT count(*) AS events,
  count(*) FILTER (WHERE event_timestamp > bounds.newest - INTERVAL 7 DAY) AS scan_events,
  strftime(max(bounds.newest), '%Y-%m-%d %H:%M:%S') AS anchor
FROM payments_enriched_silver, bounds
