SELECT
  least(CAST(floor((CAST({{column}} AS DOUBLE) - $lo) / $width) AS INTEGER), $bins - 1) AS bin,
  count(*) AS n
FROM {{source}}
WHERE {{column}} IS NOT NULL AND isfinite(CAST({{column}} AS DOUBLE))
GROUP BY bin
ORDER BY bin
