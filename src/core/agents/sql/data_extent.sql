-- How much data the agents have and where its time axis ends (windows are anchored here).
SELECT count(*) AS events, strftime(max(event_timestamp), '%Y-%m-%d %H:%M:%S') AS anchor,
  strftime(min(event_timestamp), '%Y-%m-%d %H:%M:%S') AS first_event
FROM payments_enriched_silver
