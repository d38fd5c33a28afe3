SELECT CAST(min(event_date) AS VARCHAR) AS min_date, CAST(max(event_date) AS VARCHAR) AS max_date
FROM payments_enriched_silver
