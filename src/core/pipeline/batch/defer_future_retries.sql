-- Live: the staged retries stamped after this batch's time wait in pipeline_pending_retries.
INSERT INTO pipeline_pending_retries BY NAME
SELECT * FROM pipeline_stage WHERE event_timestamp > make_timestamp($due_us)
