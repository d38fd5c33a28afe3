import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Engine } from '../../../../src/core/engine/engine';
import { ensurePipelineSchema } from '../../../../src/core/pipeline/schema';
import { ensureSimulatorTables, stageSimulatedBatch, type MerchantLists, type SlotClock } from '../../../../src/core/simulator/generate';

/**
 * The generator is a pure function of (seed, slot, settings): every data set made with a seed
 * (the README database, the Ask question sets scored on it) must come out the same after any change
 * to the generator's SQL. These fingerprints were taken from the generator as released; a rewrite
 * for speed must reproduce them. A change that alters them changes everyone's data: it must be
 * deliberate, announced, and the fingerprints updated with it.
 */
const EVENTS = 30_000;
const START_US = BigInt(Date.parse('2026-01-01T00:00:00Z')) * 1000n;
const SPAN_US = 2n * 86_400_000_000n;
const BACKFILL: SlotClock = {
  seed: 21,
  prefix: 's21-',
  startUs: START_US,
  spanUs: SPAN_US,
  maxUs: START_US + SPAN_US,
  slotsInSpan: EVENTS,
  slotBase: 0,
  seasonal: true,
  incidents: [],
  faultRate: 0.002,
};

/** Per column: count and a sum of row hashes (order-free), as text; the row count first. */
async function fingerprint(conn: DuckDBConnection): Promise<string[]> {
  const r = await conn.runAndReadAll('SELECT count(*), sum(hash(COLUMNS(*)) % 1000000007)::VARCHAR FROM pipeline_stage');
  return (r.getRows()[0] ?? []).map(String);
}

describe('simulator output (pinned)', () => {
  let engine: Engine;
  let conn: DuckDBConnection;
  let merchants: MerchantLists;
  beforeAll(async () => {
    engine = await Engine.open({ path: ':memory:', threads: 2 });
    await ensurePipelineSchema(engine);
    conn = await engine.instance.connect();
    merchants = await ensureSimulatorTables(conn);
  });
  afterAll(() => engine.close());

  it('a backfill batch with seed 21 is the same events as the released generator made', async () => {
    await stageSimulatedBatch(conn, merchants, BACKFILL, 0, EVENTS);
    expect(await fingerprint(conn)).toEqual(PINNED.backfill);
  });

  it('so are batches with incidents and a high fault rate, and a live batch with deferred retries', async () => {
    const incidents = {
      ...BACKFILL,
      faultRate: 0.05,
      incidents: [
        { kind: 'processor_outage' as const, target: 'ProcessorB', durationMinutes: 600, startsAgoMinutes: 1800 },
        { kind: 'fraud_attack' as const, target: 'Gaming', durationMinutes: 900, startsAgoMinutes: 2000 },
        { kind: 'latency_spike' as const, target: 'all', durationMinutes: 300, startsAgoMinutes: 700 },
      ],
    };
    await stageSimulatedBatch(conn, merchants, incidents, 0, EVENTS);
    expect(await fingerprint(conn)).toEqual(PINNED.incidents);
    const live = { ...BACKFILL, seasonal: false, deferRetries: true, slotBase: 3000 };
    await stageSimulatedBatch(conn, merchants, live, 3000, 3000 + EVENTS);
    expect(await fingerprint(conn)).toEqual(PINNED.live);
  });
});

const PINNED: Record<'backfill' | 'incidents' | 'live', string[]> = {
  backfill: [
    '30015',
    '15018275880294',
    '15060349034656',
    '15314915315389',
    '15651236922179',
    '11591687250822',
    '8564711634309',
    '9000868384336',
    '3402170008582',
    '2243589654558',
    '4161424482509',
    '4335256224580',
    '2013283140659',
    '15024932996375',
    '8054382782559',
    '556518340250',
    '10905914345199',
    '659911335650',
    '12419888451212',
    '14835985920366',
    '15445679636353',
    '13988784521098',
    '1323248949900',
    '18228587623980',
    '1528719067540',
    '50839928050',
    '136967711545',
    '19093962493910',
    '19138976192281',
    '15291042719345',
    '19247623900',
    '14948753970057',
    '1511593500',
    '755796750',
  ],
  incidents: [
    '30409',
    '15267102751618',
    '15248127713784',
    '15503073900577',
    '15858849848060',
    '11739406725337',
    '8679032749507',
    '9138377180926',
    '3445268916464',
    '2244724948690',
    '4214026415808',
    '4393395587638',
    '2039097988076',
    '15132042543275',
    '8161541387557',
    '568056837300',
    '11079189091684',
    '667822008300',
    '12627673723840',
    '15041278238951',
    '15629458532771',
    '14184886679271',
    '1285711044650',
    '18148630388124',
    '2127549326906',
    '51595724800',
    '140373593941',
    '19342983152097',
    '19390497130120',
    '15415504083737',
    '42022299300',
    '15139849881299',
    '41216116100',
    '20608058050',
  ],
  live: [
    '30017',
    '15064563966391',
    '15056506150112',
    '15315451435934',
    '15679058737407',
    '11605027154615',
    '8575239430472',
    '9004631094576',
    '3400630924774',
    '2231785438255',
    '4145261709557',
    '4335685002927',
    '2014495613473',
    '15008971509248',
    '8062045574642',
    '559088049200',
    '10887250885356',
    '656283511250',
    '12397723684733',
    '14763386129391',
    '15443825688970',
    '14038286655215',
    '1318159918450',
    '18188868901480',
    '1571234158444',
    '55727413700',
    '149805454133',
    '19089251539477',
    '19116931073515',
    '15333322831613',
    '19298010350',
    '14973263331347',
    '1713139300',
    '856569650',
  ],
};
