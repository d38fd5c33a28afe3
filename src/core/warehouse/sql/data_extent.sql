SELECT min(event_date) AS min_date, max(event_date) AS max_date
FROM payments_enriched_silver
