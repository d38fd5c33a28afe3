SELECT min(CAST({{column}} AS DOUBLE)), max(CAST({{column}} AS DOUBLE))
FROM {{source}}
WHERE {{column}} IS NOT NULL AND isfinite(CAST({{column}} AS DOUBLE))
