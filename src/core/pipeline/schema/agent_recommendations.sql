-- Written by the agents (SPEC §6); read through v_agent_recommendations.
CREATE TABLE IF NOT EXISTS agent_recommendations (
  recommendation_id VARCHAR PRIMARY KEY, agent VARCHAR NOT NULL, run_id VARCHAR, created_at TIMESTAMP NOT NULL,
  severity VARCHAR NOT NULL, title VARCHAR NOT NULL, recommendation VARCHAR NOT NULL, evidence_sql VARCHAR NOT NULL,
  evidence_json VARCHAR, expected_impact VARCHAR, expected_impact_value DOUBLE, narrative VARCHAR,
  status VARCHAR NOT NULL DEFAULT 'open')
