-- The pipeline owns this table's definition; agents create the same table when it is missing.
CREATE TABLE IF NOT EXISTS agent_recommendations (
  recommendation_id VARCHAR PRIMARY KEY,
  agent VARCHAR,
  run_id VARCHAR,
  created_at TIMESTAMP,
  severity VARCHAR,
  title VARCHAR,
  recommendation VARCHAR,
  evidence_sql VARCHAR,
  evidence_json VARCHAR,
  expected_impact VARCHAR,
  expected_impact_value DOUBLE,
  narrative VARCHAR,
  status VARCHAR
)
