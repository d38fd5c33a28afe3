import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/core/engine/engine';
import { loadHandEvents, type HandEvent } from '../../../support/silver-rows';

/*
 * Seven hand-written events; every expected number below was worked out by hand from them.
 * The anchor (newest event) is T = 2026-03-10 12:00 (a Tuesday).
 *   r1 T          Retail M1  BR/BR Visa  ProcA Checkout  100   approved, 3DS frictionless     fraud .10
 *   r2 T-30m      Retail M2  US→BR MC    ProcB Checkout   50   declined issuer_unavailable 91 fraud .50 vel .9 token
 *   r3 T-10m      retry of r2 (attempt 1, 1200 s later) approved                             fraud .50 vel .9 token
 *   r4 T-2d (Sun) Travel M3  MX/MX Visa  ProcA Wallet   2000   declined authentication_failed, 3DS failed, fraud .85, is_fraud
 *   r5 T-10d(Sat) Gaming M4  US/US Amex  ProcC PayLink     5   approved, fraud .95, is_fraud
 *   r6 T-40d(Thu) Retail M1  BR/BR Visa  ProcA POS      6000   approved, fraud .20
 *   r7 T-1d (Mon) Gaming M4  US/US Amex  ProcC PayLink    10   declined do_not_honor, fraud .30
 */
const gaming = {
  merchant_id: 'M4',
  merchant_name: 'Game Co',
  merchant_segment: 'Gaming',
  merchant_country: 'US',
  issuer_country: 'US',
  card_network: 'Amex',
  card_type: 'prepaid',
  payment_solution: 'Payment Link',
  processor: 'ProcessorC',
  currency: 'USD',
};
const r2attrs = {
  merchant_id: 'M2',
  merchant_name: 'Shop Two',
  merchant_country: 'BR',
  issuer_country: 'US',
  card_network: 'Mastercard',
  card_type: 'debit',
  processor: 'ProcessorB',
  amount: 50,
  is_network_token: true,
  fraud_score: 0.5,
  aml_risk_score: 0.4,
  device_trust_score: 0.5,
  velocity_score: 0.9,
};
const EVENTS: HandEvent[] = [
  {
    transaction_id: 'r1',
    event_timestamp: '2026-03-10 12:00:00',
    merchant_id: 'M1',
    merchant_name: 'Shop One',
    uses_3ds: true,
    three_ds_outcome: 'frictionless',
    processing_latency_ms: 100,
  },
  {
    transaction_id: 'r2',
    event_timestamp: '2026-03-10 11:30:00',
    ...r2attrs,
    is_approved: false,
    decline_reason: 'issuer_unavailable',
    response_code: '91',
    processing_latency_ms: 200,
  },
  {
    transaction_id: 'r3',
    event_timestamp: '2026-03-10 11:50:00',
    ...r2attrs,
    is_retry: true,
    retry_attempt: 1,
    original_transaction_id: 'r2',
    seconds_since_decline: 1200,
    processing_latency_ms: 300,
  },
  {
    transaction_id: 'r4',
    event_timestamp: '2026-03-08 12:00:00',
    merchant_id: 'M3',
    merchant_name: 'Trip Co',
    merchant_segment: 'Travel',
    merchant_country: 'MX',
    issuer_country: 'MX',
    currency: 'MXN',
    channel: 'mobile_app',
    payment_solution: 'Wallet',
    amount: 2000,
    uses_3ds: true,
    three_ds_outcome: 'challenge_failed',
    fraud_score: 0.85,
    aml_risk_score: 0.6,
    device_trust_score: 0.2,
    velocity_score: 0.95,
    is_approved: false,
    decline_reason: 'authentication_failed',
    response_code: '1A',
    processing_latency_ms: 400,
    is_fraud: true,
  },
  {
    transaction_id: 'r5',
    event_timestamp: '2026-02-28 12:00:00',
    ...gaming,
    amount: 5,
    fraud_score: 0.95,
    aml_risk_score: 0.5,
    device_trust_score: 0.5,
    velocity_score: 0.1,
    processing_latency_ms: 500,
    is_fraud: true,
  },
  {
    transaction_id: 'r6',
    event_timestamp: '2026-01-29 12:00:00',
    merchant_id: 'M1',
    merchant_name: 'Shop One',
    channel: 'pos',
    payment_solution: 'POS Terminal',
    amount: 6000,
    fraud_score: 0.2,
    aml_risk_score: 0.1,
    device_trust_score: 0.9,
    processing_latency_ms: 100,
  },
  {
    transaction_id: 'r7',
    event_timestamp: '2026-03-09 12:00:00',
    ...gaming,
    amount: 10,
    fraud_score: 0.3,
    aml_risk_score: 0.1,
    device_trust_score: 0.9,
    is_approved: false,
    decline_reason: 'do_not_honor',
    response_code: '05',
    processing_latency_ms: 100,
  },
];

describe('gold views on a hand-made data set', () => {
  let engine: Engine;
  const rows = async (sql: string) => (await engine.query(sql)).rows;
  beforeAll(async () => {
    engine = await Engine.open({ path: ':memory:' });
    await loadHandEvents(engine, EVENTS);
  });
  afterAll(() => engine.close());

  it('derives the silver columns of SPEC §2', async () => {
    expect(
      await rows(`SELECT transaction_id, event_hour, day_of_week, is_weekend, is_late_night, risk_tier::VARCHAR, amount_bucket::VARCHAR,
        is_cross_border, composite_risk_score, rule_risk_points, rule_risk_level::VARCHAR, original_decline_reason::VARCHAR
        FROM payments_enriched_silver ORDER BY transaction_id`),
    ).toEqual([
      ['r1', 12, 2, false, false, 'LOW', 'medium', false, 0.13, 0, 'MINIMAL', null],
      ['r2', 11, 2, false, false, 'MEDIUM', 'small', true, 0.47, 40, 'MEDIUM', null],
      ['r3', 11, 2, false, false, 'MEDIUM', 'small', true, 0.47, 40, 'MEDIUM', 'issuer_unavailable'],
      ['r4', 12, 7, true, false, 'HIGH', 'large', false, 0.765, 80, 'CRITICAL', null],
      ['r5', 12, 6, true, false, 'HIGH', 'micro', false, 0.725, 55, 'HIGH', null],
      ['r6', 12, 4, false, false, 'LOW', 'large', false, 0.15, 30, 'MEDIUM', null],
      ['r7', 12, 1, false, false, 'MEDIUM', 'small', false, 0.2, 0, 'MINIMAL', null],
    ]);
  });

  it('v_executive_kpis: the 30 days before the newest event (r6 is older)', async () => {
    expect(await rows('SELECT * FROM v_executive_kpis')).toEqual([
      [6, 3, 3, 50, 0.5333, 2215, 155, 369.17, '2026-02-08 12:00:00', '2026-03-10 12:00:00'],
    ]);
  });

  it('v_approval_trends_hourly: one row per hour of the last 7 days', async () => {
    expect(await rows('SELECT * FROM v_approval_trends_hourly')).toEqual([
      ['2026-03-08 12:00:00', 1, 0, 0, 0.85, 2000],
      ['2026-03-09 12:00:00', 1, 0, 0, 0.3, 10],
      ['2026-03-10 11:00:00', 2, 1, 50, 0.5, 100],
      ['2026-03-10 12:00:00', 1, 1, 100, 0.1, 100],
    ]);
  });

  it('v_daily_trends: one row per day of the last 90', async () => {
    expect(await rows('SELECT * FROM v_daily_trends')).toEqual([
      ['2026-01-29', 1, 1, 0, 100, 6000, 6000, 0],
      ['2026-02-28', 1, 1, 0, 100, 5, 5, 100],
      ['2026-03-08', 1, 0, 1, 0, 2000, 2000, 100],
      ['2026-03-09', 1, 0, 1, 0, 10, 10, 0],
      ['2026-03-10', 3, 2, 1, 66.67, 200, 66.67, 0],
    ]);
  });

  it('v_top_decline_reasons: shares, soft declines and what retries recovered', async () => {
    expect(await rows('SELECT * FROM v_top_decline_reasons ORDER BY decline_reason')).toEqual([
      ['authentication_failed', 1, 33.33, 2000, false, 0, 0],
      ['do_not_honor', 1, 33.33, 10, true, 0, 0],
      ['issuer_unavailable', 1, 33.33, 50, true, 100, 50],
    ]);
  });

  it('v_decline_recovery_opportunities: per reason × segment × network', async () => {
    expect(await rows('SELECT * FROM v_decline_recovery_opportunities ORDER BY decline_reason')).toEqual([
      ['authentication_failed', 'Travel', 'Visa', 1, 0, 0, 0, 2000, 0],
      ['do_not_honor', 'Gaming', 'Amex', 1, 0, 0, 0, 10, 0],
      ['issuer_unavailable', 'Retail', 'Mastercard', 1, 1, 1, 100, 0, 0],
    ]);
  });

  it('v_retry_performance: the one retry, by the decline it retried', async () => {
    expect(await rows('SELECT * FROM v_retry_performance')).toEqual([[1, 'issuer_unavailable', 1, 1, 100, 1200, 50]]);
  });

  it('v_solution_performance', async () => {
    expect(await rows('SELECT * FROM v_solution_performance ORDER BY payment_solution')).toEqual([
      ['Checkout', 3, 66.67, 0.3667, 200, 200, 33.33, 66.67],
      ['POS Terminal', 1, 100, 0.2, 6000, 100, 0, 0],
      ['Payment Link', 2, 50, 0.625, 15, 300, 0, 0],
      ['Wallet', 1, 0, 0.85, 2000, 400, 100, 0],
    ]);
  });

  it('v_card_network_performance', async () => {
    expect(await rows('SELECT * FROM v_card_network_performance ORDER BY card_network')).toEqual([
      ['Amex', 2, 50, 1, 7.5, 15, 50],
      ['Mastercard', 2, 50, 1, 50, 100, 0],
      ['Visa', 3, 66.67, 1, 2700, 8100, 33.33],
    ]);
  });

  it('v_merchant_segment_performance', async () => {
    expect(await rows('SELECT * FROM v_merchant_segment_performance ORDER BY merchant_segment')).toEqual([
      ['Gaming', 2, 1, 50, 15, 7.5, 50],
      ['Retail', 4, 2, 75, 6200, 1550, 0],
      ['Travel', 1, 1, 0, 2000, 2000, 100],
    ]);
  });

  it('v_merchant_performance: M4 went from 100% (r5, days 7–14) to 0% (r7, last 7 days)', async () => {
    expect(await rows('SELECT * FROM v_merchant_performance ORDER BY merchant_id')).toEqual([
      ['M1', 'Shop One', 'Retail', 2, 100, 6100, 0, null],
      ['M2', 'Shop Two', 'Retail', 2, 50, 100, 1, null],
      ['M3', 'Trip Co', 'Travel', 1, 0, 2000, 1, null],
      ['M4', 'Game Co', 'Gaming', 2, 50, 15, 1, -100],
    ]);
  });

  it('v_performance_by_geography', async () => {
    expect(await rows('SELECT * FROM v_performance_by_geography ORDER BY issuer_country, merchant_country')).toEqual([
      ['BR', 'BR', false, 2, 100, 6100, 0.15],
      ['MX', 'MX', false, 1, 0, 2000, 0.85],
      ['US', 'BR', true, 2, 50, 100, 0.5],
      ['US', 'US', false, 2, 50, 15, 0.625],
    ]);
  });

  it('v_routing_performance', async () => {
    expect(await rows('SELECT * FROM v_routing_performance')).toEqual([
      ['ProcessorA', 'Visa', 'BR', 2, 100, 100],
      ['ProcessorA', 'Visa', 'MX', 1, 0, 400],
      ['ProcessorB', 'Mastercard', 'US', 2, 50, 250],
      ['ProcessorC', 'Amex', 'US', 2, 50, 300],
    ]);
  });

  it('v_risk_distribution', async () => {
    expect(await rows('SELECT * FROM v_risk_distribution')).toEqual([
      ['LOW', 2, 28.57, 100, 0.15],
      ['MEDIUM', 3, 42.86, 33.33, 0.4333],
      ['HIGH', 2, 28.57, 50, 0.9],
    ]);
  });

  it('v_fraud_risk_summary', async () => {
    expect(await rows('SELECT * FROM v_fraud_risk_summary')).toEqual([
      ['CRITICAL', 1, 1, 100, 0, 2000, 0.765],
      ['HIGH', 1, 1, 100, 100, 5, 0.725],
      ['MEDIUM', 3, 0, 0, 66.67, 6100, 0.3633],
      ['MINIMAL', 2, 0, 0, 50, 110, 0.165],
    ]);
  });

  it('v_3ds_performance', async () => {
    expect(await rows('SELECT * FROM v_3ds_performance ORDER BY three_ds_outcome')).toEqual([
      ['challenge_failed', 1, 0, 100, 0.85],
      ['frictionless', 1, 100, 0, 0.1],
      ['not_attempted', 5, 60, 20, 0.49],
    ]);
  });

  it('v_financial_summary', async () => {
    expect(await rows('SELECT * FROM v_financial_summary')).toEqual([[6155, 2060, 50, 5, 6150, 2.43]]);
  });

  it('v_system_performance: a real 95th percentile and issuer/processing errors', async () => {
    expect(await rows('SELECT * FROM v_system_performance')).toEqual([
      ['2026-03-08', 1, 400, 400, 0, 0],
      ['2026-03-09', 1, 100, 100, 0, 0],
      ['2026-03-10', 3, 200, 290, 1, 33.33],
    ]);
  });

  it('v_active_alerts: three events in the last hour are too few to raise anything', async () => {
    expect(await rows('SELECT * FROM v_active_alerts')).toEqual([]);
  });

  it('gives the same answers after the gold partials are compacted and a second batch arrives', async () => {
    const before = await rows('SELECT * FROM v_card_network_performance ORDER BY card_network');
    const { default: compact } = await import('../../../../src/core/pipeline/batch/compact_gold_partials.sql?raw');
    await engine.run(compact);
    expect(await rows('SELECT * FROM v_card_network_performance ORDER BY card_network')).toEqual(before);
    expect(await rows("SELECT count(*) FROM gold_partials WHERE agg = 'network'")).toEqual([[3]]);
  });

  it('v_agent_recommendations: what the agents wrote, newest first', async () => {
    await engine.run(`INSERT INTO agent_recommendations (recommendation_id, agent, created_at, severity, title, recommendation, evidence_sql)
      VALUES ('a', 'smart_routing', '2026-03-10 10:00:00', 'high', 'Route Amex to A', 'Send Amex US traffic to ProcessorA', 'SELECT 1'),
             ('b', 'risk_assessor', '2026-03-10 11:00:00', 'low', 'Watch Gaming', 'Review Gaming fraud', 'SELECT 2')`);
    expect(await rows('SELECT recommendation_id, agent, severity, title, status FROM v_agent_recommendations')).toEqual([
      ['b', 'risk_assessor', 'low', 'Watch Gaming', 'open'],
      ['a', 'smart_routing', 'high', 'Route Amex to A', 'open'],
    ]);
  });
});

describe('v_active_alerts on a hand-made incident', () => {
  // Baseline (T-24h … T-2h): 200 events on ProcessorA, 180 approved (90%), 20 do_not_honor.
  // Last 30 minutes: 40 events, 20 approved (50%), 20 do_not_honor.
  // Expected by hand: approval 50% vs 90% overall and on ProcessorA (critical: under 85%);
  // do_not_honor 50% of events vs 10% (≥ 3× → high). Retail and Visa drop no more than overall.
  it('raises exactly the alerts worked out by hand', async () => {
    const engine = await Engine.open({ path: ':memory:' });
    const T = Date.parse('2026-03-10T12:00:00Z');
    const at = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    const events: HandEvent[] = [];
    for (let i = 0; i < 200; i++) {
      const declined = i % 10 === 0;
      events.push({
        transaction_id: `b${i}`,
        event_timestamp: at(T - 2 * 3_600_000 - i * 396_000),
        is_approved: !declined,
        decline_reason: declined ? 'do_not_honor' : null,
        response_code: declined ? '05' : '00',
      });
    }
    for (let i = 0; i < 40; i++) {
      const declined = i % 2 === 0;
      events.push({
        transaction_id: `c${i}`,
        event_timestamp: at(T - i * 45_000),
        is_approved: !declined,
        decline_reason: declined ? 'do_not_honor' : null,
        response_code: declined ? '05' : '00',
      });
    }
    await loadHandEvents(engine, events);
    const alerts = (
      await engine.query(
        'SELECT alert_id, alert_type, severity, dimension, dimension_value, metric_value, baseline_value, window_start, window_end FROM v_active_alerts',
      )
    ).rows;
    expect(alerts).toEqual([
      [
        'approval_rate_drop:overall:all:20260310T120000',
        'approval_rate_drop',
        'critical',
        'overall',
        'all',
        50,
        90,
        '2026-03-10 11:00:00',
        '2026-03-10 12:00:00',
      ],
      [
        'processor_degradation:processor:ProcessorA:20260310T120000',
        'processor_degradation',
        'critical',
        'processor',
        'ProcessorA',
        50,
        90,
        '2026-03-10 11:00:00',
        '2026-03-10 12:00:00',
      ],
      [
        'decline_spike:decline_reason:do_not_honor:20260310T120000',
        'decline_spike',
        'high',
        'decline_reason',
        'do_not_honor',
        50,
        10,
        '2026-03-10 11:00:00',
        '2026-03-10 12:00:00',
      ],
    ]);
    const message = (await engine.query("SELECT message FROM v_active_alerts WHERE alert_type = 'approval_rate_drop'")).rows[0]![0];
    expect(message).toBe('Approval rate overall 50.00% in the last hour against 90.00% in the 24 hours before');
    engine.close();
  });
});
