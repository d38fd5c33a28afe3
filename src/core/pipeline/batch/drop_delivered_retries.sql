-- Live: ...and leave the pending table (see deliver_due_retries.sql).
DELETE FROM pipeline_pending_retries WHERE event_timestamp <= make_timestamp($due_us)
