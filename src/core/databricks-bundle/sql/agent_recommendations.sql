-- Run once in the target schema before the first pipeline update: the agents write here and
-- v_agent_recommendations reads it.
CREATE TABLE IF NOT EXISTS agent_recommendations (
  recommendation_id STRING NOT NULL, agent STRING NOT NULL, run_id STRING, created_at TIMESTAMP NOT NULL,
  severity STRING NOT NULL, title STRING NOT NULL, recommendation STRING NOT NULL, evidence_sql STRING NOT NULL,
  evidence_json STRING, expected_impact STRING, expected_impact_value DOUBLE, narrative STRING,
  status STRING NOT NULL
)
