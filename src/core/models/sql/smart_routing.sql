-- smart_routing: the processor with the best approval rate for the row's card_network x
-- issuer_country (the grain at which processors differ), shrunk towards the processor's
-- overall rate (10 pseudo-rows) and measured on the row's own side of $split, so the holdout
-- label comes from holdout outcomes only.
WITH base AS (
  SELECT
    p.card_network,
    p.issuer_country,
    p.processor,
    CASE WHEN p.event_timestamp < $split THEN 0 ELSE 1 END AS side,
    CASE WHEN p.is_approved THEN 1.0 ELSE 0.0 END AS ok
  FROM payments_enriched_silver AS p
  WHERE p.processor IS NOT NULL AND p.is_approved IS NOT NULL
),
overall AS (
  SELECT side, processor, avg(ok) AS rate
  FROM base
  GROUP BY ALL
),
cell AS (
  SELECT side, card_network, issuer_country, processor, count(*) AS n, sum(ok) AS approved
  FROM base
  GROUP BY ALL
),
best AS (
  SELECT c.side, c.card_network, c.issuer_country,
    arg_max(c.processor, (c.approved + 10 * o.rate) / (c.n + 10)) AS best_processor
  FROM cell AS c
  JOIN overall AS o USING (side, processor)
  GROUP BY ALL
)
SELECT
  s.transaction_id,
  s.event_timestamp,
  CAST(s.amount AS DOUBLE) AS amount_value,
  b.best_processor AS label,
  s.card_network,
  CAST(s.amount AS DOUBLE) AS amount,
  s.merchant_segment,
  s.issuer_country,
  s.merchant_country,
  s.event_hour
FROM silver AS s
JOIN best AS b
  ON b.side = CASE WHEN s.event_timestamp < $split THEN 0 ELSE 1 END
  AND b.card_network = s.card_network
  AND b.issuer_country = s.issuer_country
