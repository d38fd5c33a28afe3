-- A stable key per finding so a later run of the same finding inherits its accept/dismiss status.
ALTER TABLE agent_recommendations ADD COLUMN IF NOT EXISTS fingerprint VARCHAR
