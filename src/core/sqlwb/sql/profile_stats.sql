SELECT
  count(*) AS total,
  count(*) - count({{column}}) AS nulls,
  approx_count_distinct({{column}}) AS distinct_values,
  min({{column}}) AS min_value,
  max({{column}}) AS max_value,
  min({{measure}}) AS lo,
  max({{measure}}) AS hi
FROM {{source}}
