import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Read from disk (not `?raw`) so Playwright tests can load the fixture through the API too.
const read = (name: string) => readFileSync(join(__dirname, name), 'utf8');

/** The newest first attempt of the agent fixture; incident windows are given relative to it. */
export const FIXTURE_END = '2026-11-20 12:00:00';

export interface Window {
  /** Hours before FIXTURE_END the incident starts. */
  hoursBefore: number;
  minutes: number;
}

export interface AgentFixtureOptions {
  events?: number;
  days?: number;
  seed?: number;
  outage?: Window & { processor: string };
  fraudAttack?: Window & { segment: string };
  latencySpike?: Window;
}

const ts = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const END_MS = Date.parse(FIXTURE_END.replace(' ', 'T') + 'Z');

function bounds(w: Window | undefined): [string, string] {
  if (!w) return ['1900-01-01 00:00:00', '1900-01-01 00:00:00'];
  const start = END_MS - w.hoursBefore * 3_600_000;
  return [ts(start), ts(start + w.minutes * 60_000)];
}

/**
 * Fills payments_enriched_silver with seeded payments (ProcessorC weak on Visa/BR, soft declines
 * retried after 30 s or 30 min) and the given incidents, for agent tests that need no pipeline.
 */
export function agentFixtureStatements(options: AgentFixtureOptions = {}): { sql: string; params?: Record<string, string | number> }[] {
  const [os, oe] = bounds(options.outage);
  const [as, ae] = bounds(options.fraudAttack);
  const [ls, le] = bounds(options.latencySpike);
  const silver = { n: options.events ?? 60_000, days: options.days ?? 14, seed: options.seed ?? 7, end_ts: FIXTURE_END };
  const incidents = {
    outage_processor: options.outage?.processor ?? '',
    outage_start: os,
    outage_end: oe,
    attack_segment: options.fraudAttack?.segment ?? '',
    attack_start: as,
    attack_end: ae,
    latency_start: ls,
    latency_end: le,
  };
  return [
    { sql: read('agents-silver.sql'), params: silver },
    { sql: read('agents-incidents.sql'), params: incidents },
    { sql: read('agents-derive.sql') },
  ];
}

/** Runs the fixture on an engine (unit and CLI tests). */
export async function fillAgentFixture(
  engine: { run(sql: string, options: { params?: Record<string, string | number> }): Promise<void> },
  options: AgentFixtureOptions = {},
): Promise<void> {
  for (const s of agentFixtureStatements(options)) await engine.run(s.sql, { params: s.params });
}
