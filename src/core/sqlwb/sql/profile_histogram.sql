SELECT
  least(CAST(floor(({{measure}} - $lo) / $width) AS INTEGER), $bins - 1) AS bin,
  count(*) AS n
FROM {{source}}
WHERE {{column}} IS NOT NULL AND isfinite({{measure}})
GROUP BY bin
ORDER BY bin
