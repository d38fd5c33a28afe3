-- Approval rate per card_network x issuer_country x processor, shrunk towards the processor's
-- overall rate (10 pseudo-rows), for the routing uplift estimate of the policies playground.
WITH base AS (
  SELECT card_network, issuer_country, processor, CASE WHEN is_approved THEN 1.0 ELSE 0.0 END AS ok
  FROM payments_enriched_silver
  WHERE processor IS NOT NULL AND is_approved IS NOT NULL
),
overall AS (
  SELECT processor, avg(ok) AS rate FROM base GROUP BY processor
)
SELECT b.card_network, b.issuer_country, b.processor, (sum(b.ok) + 10 * any_value(o.rate)) / (count(*) + 10) AS rate
FROM base AS b
JOIN overall AS o USING (processor)
GROUP BY b.card_network, b.issuer_country, b.processor
