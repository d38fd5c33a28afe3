UPDATE agent_recommendations SET status = $status WHERE recommendation_id = $recommendation_id
