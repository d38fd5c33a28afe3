-- Approval per processor within each card network × issuer country cell (one cell when both are given).
SELECT card_network::VARCHAR AS card_network, issuer_country::VARCHAR AS issuer_country, processor::VARCHAR AS processor,
  count(*) AS attempts,
  count(*) FILTER (WHERE is_approved) AS approved,
  round(100.0 * count(*) FILTER (WHERE is_approved) / count(*), 2) AS approval_rate_pct,
  round(avg(amount), 2) AS avg_ticket
FROM payments_enriched_silver
WHERE event_timestamp > CAST($anchor AS TIMESTAMP) - to_days(CAST($days AS INTEGER))
  AND event_timestamp <= CAST($anchor AS TIMESTAMP)
  AND ($card_network IS NULL OR card_network = $card_network)
  AND ($issuer_country IS NULL OR issuer_country = $issuer_country)
GROUP BY ALL
ORDER BY card_network, issuer_country, approval_rate_pct DESC, processor
