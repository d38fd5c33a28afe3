-- Folds the per-batch partials into one row per group (sums stay sums), keeping the table small
-- however many micro-batches a live stream commits.
CREATE OR REPLACE TABLE gold_partials AS
SELECT agg, k1, k2, k3, kt,
  sum(n)::BIGINT AS n, sum(approved)::BIGINT AS approved, sum(declined)::BIGINT AS declined,
  sum(first_declines)::BIGINT AS first_declines, sum(retried1)::BIGINT AS retried1, sum(recovered)::BIGINT AS recovered,
  sum(fraud)::BIGINT AS fraud, sum(threeds)::BIGINT AS threeds, sum(tokens)::BIGINT AS tokens, sum(errors)::BIGINT AS errors,
  sum(amount)::DECIMAL(38, 2) AS amount, sum(approved_amount)::DECIMAL(38, 2) AS approved_amount,
  sum(declined_amount)::DECIMAL(38, 2) AS declined_amount, sum(first_declined_amount)::DECIMAL(38, 2) AS first_declined_amount,
  sum(recovered_amount)::DECIMAL(38, 2) AS recovered_amount, sum(fraud_loss_amount)::DECIMAL(38, 2) AS fraud_loss_amount,
  sum(fraud_score_sum) AS fraud_score_sum, sum(fraud_score_n)::BIGINT AS fraud_score_n,
  sum(latency_sum) AS latency_sum, sum(latency_n)::BIGINT AS latency_n,
  sum(composite_sum) AS composite_sum, sum(composite_n)::BIGINT AS composite_n,
  sum(ssd_sum) AS ssd_sum, sum(ssd_n)::BIGINT AS ssd_n
FROM gold_partials
GROUP BY ALL
