INSERT INTO agent_runs (run_id, agent, parent_run_id, trigger, started_at, status, findings)
VALUES ($run_id, $agent, $parent_run_id, $trigger, CAST($started_at AS TIMESTAMP), 'running', 0)
