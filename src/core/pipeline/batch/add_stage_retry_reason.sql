-- The stage's slot for a retry's original decline reason (filled by resolve_stage_retry_reasons.sql).
ALTER TABLE pipeline_stage ADD COLUMN IF NOT EXISTS _original_decline_reason decline_reason_t
