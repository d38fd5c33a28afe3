SELECT recommendation_id, agent, run_id, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at, severity, title,
  recommendation, evidence_sql, evidence_json, expected_impact, expected_impact_value, narrative, status
FROM agent_recommendations
WHERE recommendation_id = $recommendation_id
