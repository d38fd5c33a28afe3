SELECT run_id, agent, parent_run_id, trigger, strftime(started_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS started_at,
  strftime(finished_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS finished_at, duration_ms, status, findings, message
FROM agent_runs
WHERE ($agent IS NULL OR agent = $agent)
ORDER BY started_at DESC, run_id DESC
LIMIT $limit
