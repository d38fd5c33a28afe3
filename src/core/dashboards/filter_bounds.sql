SELECT min(event_date)::VARCHAR AS min_date, max(event_date)::VARCHAR AS max_date, max(event_timestamp)::VARCHAR AS newest_event
FROM payments_enriched_silver
