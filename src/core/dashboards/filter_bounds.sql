SELECT CAST(min(event_date) AS STRING) AS min_date, CAST(max(event_date) AS STRING) AS max_date,
  CAST(max(event_timestamp) AS STRING) AS newest_event
FROM payments_enriched_silver
