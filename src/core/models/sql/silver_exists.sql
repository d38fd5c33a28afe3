SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'payments_enriched_silver'
