-- The simulator's merchants: 300 of them, with stable names and attributes (independent of the
-- seed, so every data set talks about the same merchants).
CREATE TABLE IF NOT EXISTS sim_merchants AS
WITH m AS (
  SELECT idx, hash(idx, 'merchant') AS h FROM range(300) r(idx)
),
c AS (
  SELECT idx, h,
    -- Country mix: BR 30%, US 15%, MX 15%, AR 8%, CL 7%, CO 7%, PE 5%, GB 5%, ES 4%, DE 4%.
    CASE WHEN (h >> 16) % 100 < 30 THEN 0 WHEN (h >> 16) % 100 < 45 THEN 1 WHEN (h >> 16) % 100 < 60 THEN 2
         WHEN (h >> 16) % 100 < 68 THEN 3 WHEN (h >> 16) % 100 < 75 THEN 4 WHEN (h >> 16) % 100 < 82 THEN 5
         WHEN (h >> 16) % 100 < 87 THEN 6 WHEN (h >> 16) % 100 < 92 THEN 7 WHEN (h >> 16) % 100 < 96 THEN 8 ELSE 9 END AS country_idx
  FROM m
)
SELECT
  idx::SMALLINT AS idx,
  printf('M%04d', idx + 1) AS merchant_id,
  ['Andes', 'Atlas', 'Aurora', 'Boreal', 'Cobalt', 'Condor', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Jade', 'Kestrel', 'Lumen', 'Meridian', 'Nova', 'Orchid', 'Pampa', 'Quartz', 'Rio', 'Sierra', 'Tango', 'Umber', 'Vela', 'Willow', 'Xingu', 'Yara', 'Zephyr', 'Solar'][(h % 30)::INTEGER + 1]
    || ' '
    || [['Store', 'Outlet', 'Market', 'Shop'], ['Air', 'Travel', 'Stays', 'Tours'], ['Games', 'Arcade', 'Play', 'Quest'],
        ['Apps', 'Digital', 'Cloud', 'Stream'], ['Eats', 'Kitchen', 'Delivery', 'Bites'], ['Plus', 'Club', 'Prime', 'Box'],
        ['Bazaar', 'Hub', 'Mall', 'Exchange'], ['Energy', 'Water', 'Telecom', 'Power']][(idx % 8)::INTEGER + 1][((h >> 8) % 4)::INTEGER + 1]
    || ' ' || (idx + 1)::VARCHAR AS merchant_name,
  (idx % 8)::SMALLINT AS seg_idx,
  (enum_range(NULL::segment_t))[(idx % 8)::INTEGER + 1]::segment_t AS merchant_segment,
  country_idx::SMALLINT AS country_idx,
  (enum_range(NULL::country_t))[country_idx + 1]::country_t AS merchant_country,
  ((h >> 24) % 1000) / 1000.0 AS risk_bias
FROM c
ORDER BY idx
