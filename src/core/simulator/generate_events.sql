-- The simulator: events for the slots in pipeline_slots, a pure function of ($seed, slot) and the settings,
-- computed column-wise inside DuckDB. Randomness comes from a few 64-bit hashes per row split
-- into bit fields (not one hash per column); categories are ENUM constants picked by CASE.
-- Slots are read from the temp table pipeline_slots (a table scan, unlike range(), lets DuckDB
-- generate and store in parallel), and merchants come from list parameters indexed by m_idx
-- (a join would serialise the insert the same way).
-- Slots come in groups of three: when a group's bits say "retried", slot 0 is a soft decline,
-- slot 1 its first retry and slot 2 (maybe) its second; retries copy the original's attributes.
WITH s AS (
  SELECT n, n // 3 AS g, n % 3 AS pos, hash(n // 3, $seed, 'group') AS gh, hash(n, $seed, 'row') AS h3, hash(n, $seed, 'route') AS h5
  FROM pipeline_slots
),
grp AS (
  SELECT *,
    (gh & 1023) < 92 AS g_retried,
    ((gh >> 10) & 1023) / 1024.0 AS u_rec1,
    ((gh >> 20) & 7)::INTEGER AS w1_i,
    ((gh >> 23) & 7)::INTEGER AS w2_i,
    ((gh >> 26) & 1023) / 1024.0 AS u_rec2,
    ((gh >> 36) & 1023) / 1024.0 AS u_retry2,
    ((gh >> 46) & 127)::INTEGER AS u_greason
  FROM s
),
roles AS (
  SELECT *,
    CASE WHEN u_greason < 45 THEN 0 WHEN u_greason < 83 THEN 1 WHEN u_greason < 98 THEN 5 WHEN u_greason < 111 THEN 8
         WHEN u_greason < 121 THEN 6 WHEN u_greason < 125 THEN 3 ELSE 7 END AS g_reason,
    CASE w1_i WHEN 0 THEN 30 WHEN 1 THEN 120 WHEN 2 THEN 600 WHEN 3 THEN 1800 WHEN 4 THEN 3600 WHEN 5 THEN 7200 WHEN 6 THEN 21600 ELSE 86400 END AS wait1,
    CASE w2_i WHEN 0 THEN 30 WHEN 1 THEN 120 WHEN 2 THEN 600 WHEN 3 THEN 1800 WHEN 4 THEN 3600 WHEN 5 THEN 7200 WHEN 6 THEN 21600 ELSE 86400 END AS wait2
  FROM grp
),
roles2 AS (
  -- Recovery odds of a retry by reason × wait: funds declines (insufficient_funds,
  -- limit_exceeded) recover once money or limit is back, hours to a day later; issuer and
  -- processing errors clear within minutes; do_not_honor rarely and hard declines almost never.
  -- amt_k: the amount at which a funds decline's odds halve (small payments recover more).
  SELECT *,
    CASE g_reason WHEN 0 THEN 0.85 WHEN 1 THEN 0.14 WHEN 3 THEN 0.02 WHEN 5 THEN 0.92 WHEN 6 THEN 0.8 WHEN 7 THEN 0.02 ELSE 0.94 END AS rec_base,
    CASE WHEN g_reason IN (0, 6) THEN wait1 / (wait1 + 14400.0) WHEN g_reason IN (5, 8) THEN wait1 / (wait1 + 20.0) ELSE 1.0 END AS wf1,
    CASE WHEN g_reason IN (0, 6) THEN wait2 / (wait2 + 14400.0) WHEN g_reason IN (5, 8) THEN wait2 / (wait2 + 20.0) ELSE 1.0 END AS wf2,
    CASE WHEN g_reason IN (0, 6) THEN 300.0 WHEN g_reason = 1 THEN 1500.0 ELSE 1e9 END AS amt_k
  FROM roles
),
roles3 AS (
  -- The best odds before the payment's amount and fraud score are known: only a retry that
  -- fails even at these can be followed by a second one (the outcome CTE applies the rest).
  SELECT *, u_rec1 < rec_base * wf1 AS rec1
  FROM roles2
),
clock AS (
  -- A slot's place in time: its position in the run mapped through daily seasonality (or
  -- evenly, live). A retried group's original is placed by the group hash so its retries
  -- can be timed before anything else about them is known.
  SELECT *,
    (n - $t_base + ((h5 >> 16) & 255) / 256.0) / $n AS own_pos,
    (g * 3 - $t_base + ((gh >> 56) & 255) / 256.0) / $n AS orig_pos
  FROM roles3
),
clock2 AS (
  SELECT *,
    CASE WHEN $warp THEN ($start_us + own_pos * $span_us) / 86400000000.0 END AS own_days,
    CASE WHEN $warp THEN ($start_us + orig_pos * $span_us) / 86400000000.0 END AS orig_days
  FROM clock
),
clock3 AS (
  SELECT *,
    -- Seasonality: a monotone warp W(x) = x + 0.7/2π·sin(2π(x − 0.1)) of absolute UTC days
    -- (traffic peaks mid-afternoon, thinnest at night), rescaled so the run's first and last
    -- instants stay where they are: the data set really ends at its end time.
    least($max_us, greatest($start_us, CASE WHEN $warp
      THEN $start_us + ((own_days + 0.7 / (2 * pi()) * sin(2 * pi() * (own_days - 0.1)) - $w0) / ($w1 - $w0) * $span_us)::BIGINT
      ELSE $start_us + (own_pos * $span_us)::BIGINT END)) AS own_us,
    -- Only a retried group's slots read the original's time (9% of them: the warp is the costliest column).
    CASE WHEN g_retried THEN least($max_us, greatest($start_us, CASE WHEN $warp
      THEN $start_us + ((orig_days + 0.7 / (2 * pi()) * sin(2 * pi() * (orig_days - 0.1)) - $w0) / ($w1 - $w0) * $span_us)::BIGINT
      ELSE $start_us + (orig_pos * $span_us)::BIGINT END)) END AS t0_us
  FROM clock2
),
clock4 AS (
  SELECT *, t0_us + wait1 * 1000000::BIGINT AS t1_us, t0_us + (wait1 + wait2) * 1000000::BIGINT AS t2_us FROM clock3
),
keyed AS (
  -- Roles: 0 an ordinary first attempt, 1 a first attempt that will be retried, 2 its first
  -- retry, 3 its second. In a backfill a retry that would fall after the end has not happened
  -- yet; a live stream ($defer_retries) keeps it, stamped in the future, for a later batch.
  SELECT *,
    CASE WHEN NOT g_retried THEN 0 WHEN pos = 0 THEN 1
         WHEN pos = 1 AND (t1_us <= $max_us OR $defer_retries) THEN 2
         WHEN pos = 2 AND NOT rec1 AND u_retry2 < 0.4 AND (t2_us <= $max_us OR $defer_retries) THEN 3 ELSE 0 END AS role
  FROM clock4
),
attr AS (
  SELECT *,
    CASE WHEN role >= 2 THEN g * 3 ELSE n END AS akey,
    hash(CASE WHEN role >= 2 THEN g * 3 ELSE n END, $seed, 'attr') AS h1,
    CASE role WHEN 0 THEN own_us WHEN 2 THEN t1_us WHEN 3 THEN t2_us ELSE t0_us END AS ts_us,
    CASE role WHEN 2 THEN wait1 WHEN 3 THEN wait2 END AS ssd
  FROM keyed
),
attr2 AS (
  SELECT a.*, hash(h1, 'second') AS h2, hash(h1, 'third') AS h4,
    ((((h1 & 65535) * ((h1 >> 16) & 65535) * 300) >> 32) + 1)::INTEGER AS m_pos
  FROM attr a
),
base AS (
  SELECT a.*, $m_id[m_pos] AS merchant_id, $m_name[m_pos] AS merchant_name, (m_pos - 1) % 8 AS seg_idx,
    $m_country[m_pos] AS country_idx, $m_risk[m_pos] AS risk_bias,
    CASE WHEN ((h1 >> 32) & 255) < 205 THEN $m_country[m_pos] ELSE (((h1 >> 40) & 15) % 10)::INTEGER END AS iss_idx,
    ((h1 >> 44) & 255)::INTEGER AS u_net,
    ((h1 >> 52) & 255)::INTEGER AS u_ct,
    ((h1 >> 60) & 15)::INTEGER AS u_ch,
    (h2 & 4095) + ((h2 >> 12) & 4095) + ((h2 >> 24) & 4095) + ((h2 >> 36) & 4095) AS u_amt,
    ((h2 >> 48) & 255)::INTEGER AS u_sol,
    ((h2 >> 56) & 255)::INTEGER AS u_3ds,
    (h4 & 255)::INTEGER AS u_tok,
    ((h4 >> 8) & 255)::INTEGER AS u_tdsout,
    ((h4 >> 16) & 65535) / 65536.0 AS u_fraud,
    ((h4 >> 32) & 65535) / 65536.0 AS u_fs,
    ((h4 >> 48) & 255) / 256.0 AS u_aml,
    ((h4 >> 56) & 255) / 256.0 AS u_dev
  FROM attr2 a
),
timed AS (
  SELECT *, CASE WHEN (h5 & 255) < 140 THEN 0 WHEN (h5 & 255) < 230 THEN 1 ELSE 2 END AS p_idx FROM base
),
feat AS (
  SELECT *,
    CASE
      WHEN u_net >= 250 THEN 4
      WHEN iss_idx = 0 THEN CASE WHEN u_net < 100 THEN 0 WHEN u_net < 180 THEN 1 WHEN u_net < 236 THEN 3 ELSE 2 END
      ELSE CASE WHEN u_net < 125 THEN 0 WHEN u_net < 215 THEN 1 ELSE 2 END
    END AS net_idx,
    CASE WHEN u_ct < 140 THEN 0 WHEN u_ct < 225 THEN 1 ELSE 2 END AS ct_idx,
    CASE
      WHEN seg_idx IN (5, 7) AND u_ch < 10 THEN 3
      WHEN seg_idx IN (0, 4, 6) AND u_ch < 3 THEN 2
      WHEN u_ch < 9 THEN 0 ELSE 1
    END AS ch_idx,
    iss_idx <> country_idx AS cross_border
  FROM timed
),
inc AS (
  SELECT *,
    ($k1 = 1 AND p_idx = $t1 AND ts_us BETWEEN $f1 AND $e1) OR ($k2 = 1 AND p_idx = $t2 AND ts_us BETWEEN $f2 AND $e2)
      OR ($k3 = 1 AND p_idx = $t3 AND ts_us BETWEEN $f3 AND $e3) AS in_outage,
    ($k1 = 2 AND seg_idx = $t1 AND ts_us BETWEEN $f1 AND $e1) OR ($k2 = 2 AND seg_idx = $t2 AND ts_us BETWEEN $f2 AND $e2)
      OR ($k3 = 2 AND seg_idx = $t3 AND ts_us BETWEEN $f3 AND $e3) AS in_attack,
    ($k1 = 3 AND ($t1 < 0 OR p_idx = $t1) AND ts_us BETWEEN $f1 AND $e1) OR ($k2 = 3 AND ($t2 < 0 OR p_idx = $t2) AND ts_us BETWEEN $f2 AND $e2)
      OR ($k3 = 3 AND ($t3 < 0 OR p_idx = $t3) AND ts_us BETWEEN $f3 AND $e3) AS in_latency,
    exp((CASE seg_idx WHEN 0 THEN 4.2 WHEN 1 THEN 5.5 WHEN 2 THEN 3.3 WHEN 3 THEN 2.9 WHEN 4 THEN 3.4 WHEN 5 THEN 2.8
    WHEN 6 THEN 4.0 ELSE 4.3 END) + 0.9 * ((u_amt / 4096.0 - 2) * 1.732)) AS raw_amount
  FROM feat
),
risk AS (
  SELECT *,
    u_fraud < CASE WHEN in_attack THEN 0.35 ELSE
      0.006 + CASE WHEN seg_idx IN (2, 3) THEN 0.01 ELSE 0 END + CASE WHEN cross_border THEN 0.006 ELSE 0 END
      + CASE WHEN ct_idx = 2 THEN 0.008 ELSE 0 END + 0.004 * risk_bias END AS fraud,
    greatest(0.5, least(50000, raw_amount)) AS amt
  FROM inc
),
risk2 AS (
  SELECT *,
    round(CASE WHEN fraud THEN 0.45 + 0.55 * u_fs ELSE 0.95 * u_fs * u_fs * u_fs * u_fs * u_fs END, 4) AS fs,
    ch_idx IN (0, 1) AND u_3ds < 70 + 150 * CASE WHEN fraud THEN 0.7 ELSE u_fs * u_fs END AS tds,
    CASE WHEN ch_idx IN (1, 3) THEN u_tok < 150 ELSE u_tok < 60 END AS tok,
    amt > CASE ct_idx WHEN 0 THEN 3000 WHEN 1 THEN 1200 ELSE 250 END AS over_limit,
    ((ts_us // 3600000000) % 24)::INTEGER AS hr
  FROM risk
),
risk3 AS (
  SELECT *,
    CASE WHEN NOT tds THEN 3
      WHEN fraud THEN CASE WHEN u_tdsout < 60 THEN 0 WHEN u_tdsout < 120 THEN 1 ELSE 2 END
      ELSE CASE WHEN u_tdsout < 180 THEN 0 WHEN u_tdsout < 248 THEN 1 ELSE 2 END END AS tds_idx,
    (h3 & 65535) / 65536.0 AS u_dec,
    ((h3 >> 28) & 1023)::INTEGER AS u_issdown,
    ((h5 >> 8) & 127)::INTEGER AS u_reason
  FROM risk2
),
decide AS (
  SELECT *,
    4.2 - 5.2 * fs - CASE WHEN over_limit THEN 1.5 ELSE 0 END - CASE WHEN cross_border THEN 0.6 ELSE 0 END
      - CASE WHEN ct_idx = 2 THEN 0.3 ELSE 0 END
      + (((p_idx * 31 + net_idx * 17 + iss_idx * 7) % 11) - 5) * 0.09
      + CASE WHEN fs > 0.4 AND tds_idx IN (0, 1) THEN 1.3 ELSE 0 END
      + CASE WHEN fs > 0.4 AND tok THEN 0.7 ELSE 0 END
      + CASE WHEN tok THEN 0.25 ELSE 0 END
      + CASE WHEN ch_idx = 3 THEN 0.3 ELSE 0 END
      - CASE WHEN hr >= 23 OR hr < 5 THEN 0.2 ELSE 0 END AS logit
  FROM risk3
),
outcome AS (
  SELECT *,
    -- reason index into decline_reason_t; -1 means approved
    CASE
      WHEN role = 1 THEN g_reason
      WHEN role = 2 THEN CASE WHEN u_rec1 < rec_base * wf1 * (1 - fs) / (1 + amt / amt_k) THEN -1 ELSE g_reason END
      WHEN role = 3 THEN CASE WHEN u_rec2 < rec_base * wf2 * 0.8 * (1 - fs) / (1 + amt / amt_k) THEN -1 ELSE g_reason END
      WHEN in_outage AND u_dec < 0.6 THEN CASE WHEN u_reason < 64 THEN 8 ELSE 5 END
      WHEN tds_idx = 2 THEN 9
      WHEN u_issdown < 6 THEN 5
      WHEN u_dec < 1 / (1 + exp(-logit)) THEN -1
      WHEN fs >= 0.7 THEN CASE WHEN u_reason < 100 THEN 2 ELSE 7 END
      WHEN over_limit THEN CASE WHEN u_reason < 77 THEN 0 ELSE 6 END
      WHEN u_reason < 45 THEN 1 WHEN u_reason < 77 THEN 0 WHEN u_reason < 87 THEN 3 WHEN u_reason < 97 THEN 4
      WHEN u_reason < 103 THEN 7 WHEN u_reason < 109 THEN 8 WHEN u_reason < 118 THEN 6 WHEN u_reason < 123 THEN 5 ELSE 2
    END AS r_idx,
    (((h3 >> 40) & 1048575) < $fault_ppm * 1.048576) AS faulty,
    ((h3 >> 38) & 3)::INTEGER AS fault_kind,
    (100 + 380 * (((h3 >> 16) & 4095) / 4096.0) * (((h3 >> 16) & 4095) / 4096.0) * (((h3 >> 16) & 4095) / 4096.0) + CASE p_idx WHEN 2 THEN 40
    WHEN 1 THEN 15 ELSE 0 END
      + CASE WHEN tds THEN 60 ELSE 0 END)
      * CASE WHEN in_outage THEN 4 ELSE 1 END * CASE WHEN in_latency THEN 6 ELSE 1 END AS latency
  FROM decide
)
-- Categories are ENUM constants picked by CASE on their index: a CASE of constants costs a fifth of indexing a
-- constant ENUM list (the index is always in range, so ELSE is the last value).
SELECT
  CASE WHEN faulty AND fault_kind = 0 THEN NULL ELSE $prefix || n::VARCHAR END AS transaction_id,
  make_timestamp(ts_us) AS event_timestamp,
  merchant_id,
  merchant_name,
  CASE seg_idx WHEN 0 THEN 'Retail'::segment_t WHEN 1 THEN 'Travel'::segment_t WHEN 2 THEN 'Gaming'::segment_t WHEN 3 THEN 'Digital Goods'::segment_t
    WHEN 4 THEN 'Food Delivery'::segment_t WHEN 5 THEN 'Subscriptions'::segment_t
    WHEN 6 THEN 'Marketplace'::segment_t ELSE 'Utilities'::segment_t END AS merchant_segment,
  CASE country_idx WHEN 0 THEN 'BR'::country_t WHEN 1 THEN 'US'::country_t WHEN 2 THEN 'MX'::country_t WHEN 3 THEN 'AR'::country_t
    WHEN 4 THEN 'CL'::country_t WHEN 5 THEN 'CO'::country_t WHEN 6 THEN 'PE'::country_t WHEN 7 THEN 'GB'::country_t
    WHEN 8 THEN 'ES'::country_t ELSE 'DE'::country_t END AS merchant_country,
  CASE iss_idx WHEN 0 THEN 'BR'::country_t WHEN 1 THEN 'US'::country_t WHEN 2 THEN 'MX'::country_t WHEN 3 THEN 'AR'::country_t
    WHEN 4 THEN 'CL'::country_t WHEN 5 THEN 'CO'::country_t WHEN 6 THEN 'PE'::country_t WHEN 7 THEN 'GB'::country_t
    WHEN 8 THEN 'ES'::country_t ELSE 'DE'::country_t END AS issuer_country,
  CASE net_idx WHEN 0 THEN 'Visa'::network_t WHEN 1 THEN 'Mastercard'::network_t WHEN 2 THEN 'Amex'::network_t
    WHEN 3 THEN 'Elo'::network_t ELSE 'Discover'::network_t END AS card_network,
  CASE ct_idx WHEN 0 THEN 'credit'::card_type_t WHEN 1 THEN 'debit'::card_type_t ELSE 'prepaid'::card_type_t END AS card_type,
  CASE ch_idx WHEN 0 THEN 'ecommerce'::channel_t WHEN 1 THEN 'mobile_app'::channel_t WHEN 2 THEN 'pos'::channel_t ELSE 'recurring'::channel_t END AS channel,
  CASE
    WHEN ch_idx = 3 THEN 'Recurring'::solution_t
    WHEN ch_idx = 2 THEN 'POS Terminal'::solution_t
    WHEN ch_idx = 0 THEN CASE WHEN u_sol < 154 THEN 'Checkout'::solution_t WHEN u_sol < 192 THEN 'Payment Link'::solution_t ELSE 'Wallet'::solution_t END
    ELSE CASE WHEN u_sol < 140 THEN 'Wallet'::solution_t ELSE 'Checkout'::solution_t END
  END AS payment_solution,
  CASE p_idx WHEN 0 THEN 'ProcessorA'::processor_t WHEN 1 THEN 'ProcessorB'::processor_t ELSE 'ProcessorC'::processor_t END AS processor,
  CASE WHEN faulty AND fault_kind = 1 THEN CASE WHEN u_reason < 64 THEN 0 ELSE -round(amt, 2) END ELSE round(amt, 2) END::DECIMAL(12, 2) AS amount,
  CASE country_idx WHEN 0 THEN 'BRL'::currency_t WHEN 1 THEN 'USD'::currency_t WHEN 2 THEN 'MXN'::currency_t WHEN 3 THEN 'ARS'::currency_t
    WHEN 4 THEN 'CLP'::currency_t WHEN 5 THEN 'COP'::currency_t WHEN 6 THEN 'PEN'::currency_t
    WHEN 7 THEN 'GBP'::currency_t ELSE 'EUR'::currency_t END AS currency,
  tds AS uses_3ds,
  CASE tds_idx WHEN 0 THEN 'frictionless'::three_ds_t WHEN 1 THEN 'challenge_passed'::three_ds_t
    WHEN 2 THEN 'challenge_failed'::three_ds_t ELSE 'not_attempted'::three_ds_t END AS three_ds_outcome,
  tok AS is_network_token,
  CASE WHEN faulty AND fault_kind = 2 THEN CASE WHEN u_reason < 64 THEN 1 + fs ELSE -0.05 - fs END ELSE fs END::DOUBLE AS fraud_score,
  round(0.6 * u_aml * u_aml + 0.3 * fs, 4)::DOUBLE AS aml_risk_score,
  round(CASE WHEN fraud THEN 0.1 + 0.4 * u_dev ELSE 0.5 + 0.5 * u_dev END, 4)::DOUBLE AS device_trust_score,
  round(CASE WHEN fraud THEN 0.5 + 0.5 * u_dev * u_aml ELSE u_aml * u_aml * u_aml END, 4)::DOUBLE AS velocity_score,
  r_idx < 0 AS is_approved,
  CASE r_idx WHEN 0 THEN 'insufficient_funds'::decline_reason_t WHEN 1 THEN 'do_not_honor'::decline_reason_t
    WHEN 2 THEN 'suspected_fraud'::decline_reason_t WHEN 3 THEN 'expired_card'::decline_reason_t WHEN 4 THEN 'invalid_cvv'::decline_reason_t
    WHEN 5 THEN 'issuer_unavailable'::decline_reason_t WHEN 6 THEN 'limit_exceeded'::decline_reason_t WHEN 7 THEN 'restricted_card'::decline_reason_t
    WHEN 8 THEN 'processing_error'::decline_reason_t WHEN 9 THEN 'authentication_failed'::decline_reason_t END AS decline_reason,
  CASE r_idx WHEN -1 THEN '00'::response_code_t WHEN 0 THEN '51'::response_code_t WHEN 1 THEN '05'::response_code_t WHEN 2 THEN '59'::response_code_t
    WHEN 3 THEN '54'::response_code_t WHEN 4 THEN 'N7'::response_code_t WHEN 5 THEN '91'::response_code_t WHEN 6 THEN '61'::response_code_t
    WHEN 7 THEN '62'::response_code_t WHEN 8 THEN '96'::response_code_t ELSE '1A'::response_code_t END AS response_code,
  role >= 2 AS is_retry,
  CASE role WHEN 2 THEN 1 WHEN 3 THEN 2 ELSE 0 END AS retry_attempt,
  CASE WHEN role >= 2 THEN $prefix || (g * 3)::VARCHAR END AS original_transaction_id,
  ssd::INTEGER AS seconds_since_decline,
  latency::INTEGER AS processing_latency_ms,
  fraud AS is_fraud,
  n AS _line,
  faulty AND fault_kind = 3 AS _deliver_twice
FROM outcome
