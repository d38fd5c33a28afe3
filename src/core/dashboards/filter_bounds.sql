SELECT min(event_date)::VARCHAR AS min_date, max(event_date)::VARCHAR AS max_date
FROM payments_enriched_silver
