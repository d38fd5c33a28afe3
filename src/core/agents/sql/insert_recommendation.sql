-- A new finding inherits the status a person gave the same finding (same agent and fingerprint) before.
INSERT INTO agent_recommendations
  (recommendation_id, agent, run_id, created_at, severity, title, recommendation, evidence_sql, evidence_json,
   expected_impact, expected_impact_value, narrative, status, fingerprint)
SELECT $recommendation_id, $agent, $run_id, CAST($created_at AS TIMESTAMP), $severity, $title, $recommendation, $evidence_sql,
  $evidence_json, $expected_impact, $expected_impact_value, $narrative,
  coalesce((SELECT status FROM agent_recommendations
            WHERE agent = $agent AND fingerprint = $fingerprint
            ORDER BY created_at DESC LIMIT 1), 'open'),
  $fingerprint
