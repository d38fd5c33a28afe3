-- Live: ...and leave the stage (see defer_future_retries.sql).
DELETE FROM pipeline_stage WHERE event_timestamp > make_timestamp($due_us)
