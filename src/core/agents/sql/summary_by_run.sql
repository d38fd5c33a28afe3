-- What an orchestrator run found, per agent and severity: the evidence of its executive summary.
SELECT r.agent, r.severity, count(*) AS findings, round(sum(r.expected_impact_value), 2) AS expected_impact_value
FROM agent_recommendations r
JOIN agent_runs u ON u.run_id = r.run_id
WHERE u.parent_run_id = $run_id
GROUP BY r.agent, r.severity
ORDER BY CASE r.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, r.agent
