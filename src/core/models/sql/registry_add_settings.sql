-- Versions record the settings they were trained with (added after the first release; null before).
ALTER TABLE model_registry ADD COLUMN IF NOT EXISTS settings VARCHAR
