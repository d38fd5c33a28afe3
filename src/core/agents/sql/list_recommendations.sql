-- The latest row of each finding (agent × fingerprint), filtered, most severe and valuable first.
WITH latest AS (
  SELECT * FROM agent_recommendations
  WHERE ($run_id IS NULL OR run_id = $run_id)
  QUALIFY row_number() OVER (PARTITION BY agent, coalesce(fingerprint, recommendation_id) ORDER BY created_at DESC, recommendation_id DESC) = 1
)
SELECT recommendation_id, agent, run_id, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at, severity, title,
  recommendation, evidence_sql, evidence_json, expected_impact, expected_impact_value, narrative, status
FROM latest
WHERE ($agent IS NULL OR agent = $agent)
  AND ($severity IS NULL OR severity = $severity)
  AND ($status IS NULL OR status = $status)
ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END,
  expected_impact_value DESC NULLS LAST, created_at DESC
LIMIT $limit
