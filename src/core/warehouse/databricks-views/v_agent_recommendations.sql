-- Databricks SQL: what the agents found (SPEC §6), newest first.
CREATE OR REPLACE VIEW v_agent_recommendations AS
SELECT
  recommendation_id, agent, run_id, created_at, severity, title, recommendation, evidence_sql,
  evidence_json, expected_impact, expected_impact_value, narrative, status
FROM agent_recommendations
ORDER BY created_at DESC
