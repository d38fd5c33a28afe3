import { DOUBLE, INTEGER, LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import generateSql from './generate_events.sql?raw';
import merchantsSql from './sim_merchants.sql?raw';
import { runWith } from '../pipeline/param-types';
import slotsSql from './pipeline_slots.sql?raw';
import { incidentParams, type Incident } from './incidents';

/** Where a simulated batch sits in time: the run's window and how slots map onto it. */
export interface SlotClock {
  seed: number;
  /** Prefix of every transaction_id, e.g. `s7-`. */
  prefix: string;
  startUs: bigint;
  spanUs: bigint;
  /** No event is stamped after this (retries are clamped to it). */
  maxUs: bigint;
  /** Slots spread over the span: the run's total (backfill) or the batch's own (live). */
  slotsInSpan: number;
  /** The slot at the start of the span (0 for backfill, the batch's first slot in live mode). */
  slotBase: number;
  /** Daily/hourly seasonality (backfill); live mode stamps events evenly in real time. */
  seasonal: boolean;
  incidents: readonly Incident[];
  /** Data-quality faults per event, 0..1. */
  faultRate: number;
  /**
   * Live: keep retries that fall after maxUs, stamped in the future (the caller holds them in
   * pipeline_pending_retries until they are due). Backfill: such retries have not happened.
   */
  deferRetries?: boolean;
}

const DAY_US = 86_400_000_000;

/** The generator's seasonal time warp (same formula as generate_events.sql), in days. */
export function seasonalWarp(days: number): number {
  return days + (0.7 / (2 * Math.PI)) * Math.sin(2 * Math.PI * (days - 0.1));
}

/** The merchant dimension as list parameters of the generator ($m_id[i], … with i = idx + 1). */
export interface MerchantLists {
  params: Record<string, DuckDBValue>;
  types: Record<string, DuckDBType>;
}

/** Creates the merchant dimension the generator draws from (once per database) and returns it as lists. */
export async function ensureSimulatorTables(conn: DuckDBConnection): Promise<MerchantLists> {
  await conn.run(merchantsSql);
  const rows = (
    await conn.runAndReadAll('SELECT merchant_id, merchant_name, country_idx::INTEGER, risk_bias::DOUBLE FROM sim_merchants ORDER BY idx')
  ).getRows();
  return {
    params: {
      m_id: listValue(rows.map((r) => String(r[0]))),
      m_name: listValue(rows.map((r) => String(r[1]))),
      m_country: listValue(rows.map((r) => Number(r[2]))),
      m_risk: listValue(rows.map((r) => Number(r[3]))),
    },
    types: { m_id: LIST(VARCHAR), m_name: LIST(VARCHAR), m_country: LIST(INTEGER), m_risk: LIST(DOUBLE) },
  };
}

/**
 * Generates slots [lo, hi) into the connection's temp table `pipeline_stage`, duplicate
 * deliveries included as extra rows flagged `_duplicate`. `lo` must be a multiple of 3 so
 * a retry and its original land in the same batch.
 */
export async function stageSimulatedBatch(
  conn: DuckDBConnection,
  merchants: MerchantLists,
  clock: SlotClock,
  lo: number,
  hi: number,
): Promise<void> {
  const { sql, params, types } = simulatedBatchQuery(merchants, clock);
  await runWith(conn, slotsSql, { lo: BigInt(lo), hi: BigInt(hi) });
  await runWith(conn, `CREATE OR REPLACE TEMP TABLE pipeline_stage AS SELECT *, false AS _duplicate FROM (${sql})`, params, types);
  await conn.run('INSERT INTO pipeline_stage SELECT * REPLACE (true AS _duplicate) FROM pipeline_stage WHERE _deliver_twice');
}

/** The generator query (over the slots in pipeline_slots), its named parameters and their types. */
function simulatedBatchQuery(
  merchants: MerchantLists,
  clock: SlotClock,
): { sql: string; params: Record<string, DuckDBValue>; types: Record<string, DuckDBType> } {
  const params: Record<string, DuckDBValue> = {
    seed: BigInt(clock.seed),
    n: clock.slotsInSpan,
    t_base: BigInt(clock.slotBase),
    start_us: clock.startUs,
    span_us: clock.spanUs,
    max_us: clock.maxUs,
    warp: clock.seasonal,
    fault_ppm: Math.round(clock.faultRate * 1_000_000),
    prefix: clock.prefix,
    defer_retries: clock.deferRetries ?? false,
    w0: seasonalWarp(Number(clock.startUs) / DAY_US),
    w1: seasonalWarp(Number(clock.startUs + clock.spanUs) / DAY_US),
    ...incidentParams(clock.incidents, clock.maxUs),
    ...merchants.params,
  };
  return { sql: generateSql, params, types: merchants.types };
}
