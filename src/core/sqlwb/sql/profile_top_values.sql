SELECT CAST({{column}} AS VARCHAR) AS value, count(*) AS n
FROM {{source}}
WHERE {{column}} IS NOT NULL
GROUP BY ALL
ORDER BY n DESC, value
LIMIT $limit
