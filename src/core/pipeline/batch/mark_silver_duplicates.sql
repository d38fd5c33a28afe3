-- Redeliveries: a row whose transaction_id is already in silver, or appeared earlier in this
-- batch, is a duplicate (the first delivery wins).
UPDATE pipeline_stage AS s
SET _duplicate = true
FROM (
  SELECT _line FROM (
    SELECT _line, row_number() OVER (PARTITION BY transaction_id ORDER BY _line) AS k
    FROM pipeline_stage WHERE transaction_id IS NOT NULL AND NOT _duplicate
  ) WHERE k > 1
  UNION ALL
  SELECT st._line FROM pipeline_stage st SEMI JOIN payments_enriched_silver sv ON sv.transaction_id = st.transaction_id
) AS d
WHERE s._line = d._line
