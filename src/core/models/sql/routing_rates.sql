-- Approval rate per card_network x issuer_country x amount_bucket x processor, shrunk towards
-- the card_network x issuer_country rate (50 pseudo-rows), for the routing uplift estimate.
WITH base AS (
  SELECT card_network, issuer_country, amount_bucket, processor, CASE WHEN is_approved THEN 1.0 ELSE 0.0 END AS ok
  FROM payments_enriched_silver
  WHERE processor IS NOT NULL AND is_approved IS NOT NULL
),
coarse AS (
  SELECT card_network, issuer_country, processor, avg(ok) AS rate FROM base GROUP BY ALL
)
SELECT f.card_network, f.issuer_country, f.amount_bucket, f.processor, (sum(f.ok) + 50 * any_value(c.rate)) / (count(*) + 50) AS rate
FROM base AS f
JOIN coarse AS c USING (card_network, issuer_country, processor)
GROUP BY f.card_network, f.issuer_country, f.amount_bucket, f.processor
