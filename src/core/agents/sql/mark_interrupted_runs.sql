-- Runs still marked running when the app starts were cut off when it last closed.
UPDATE agent_runs SET status = 'failed', finished_at = started_at,
  message = 'Interrupted: the app closed while this run was going. Run the agent again.'
WHERE status = 'running'
