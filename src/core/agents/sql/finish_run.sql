UPDATE agent_runs
SET finished_at = CAST($finished_at AS TIMESTAMP), duration_ms = $duration_ms, status = $status, findings = $findings, message = $message
WHERE run_id = $run_id
