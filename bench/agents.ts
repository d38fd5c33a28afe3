import { rmSync } from 'node:fs';
import { AgentService } from '../src/core/agents/agent-service';
import { EventBus } from '../src/core/api/event-bus';
import { Engine } from '../src/core/engine/engine';
import { replay } from '../src/core/pipeline/replay';
import type { Incident } from '../src/core/simulator/incidents';
import { dataFile, machine, round } from './support';

const INCIDENTS: Incident[] = [
  { kind: 'processor_outage', target: 'ProcessorB', durationMinutes: 45 },
  { kind: 'fraud_attack', target: 'Gaming', durationMinutes: 50 },
  { kind: 'latency_spike', target: 'ProcessorC', durationMinutes: 40 },
];

/**
 * The orchestrator (all five agents) on a replayed data set with one incident of each kind:
 * N events (default 1M over 30 days); prints each agent's run time and whether each incident was found.
 */
export async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args[0] ?? 1_000_000);
  const path = dataFile('agents-bench.duckdb');
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const engine = await Engine.open({ path });
  const replayStarted = performance.now();
  // A fixed start puts the end (where the incidents are) at 15:00 UTC, a busy hour, on any day.
  await replay(engine, { events, days: 30, seed: 7, start: new Date('2026-01-01T15:00:00Z'), incidents: INCIDENTS });
  const replaySeconds = round((performance.now() - replayStarted) / 1000, 1);
  const service = new AgentService(engine, new EventBus());
  const timings: number[] = [];
  let last;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    last = await service.run(undefined, { trigger: 'cli', noNarrative: true });
    timings.push(round(performance.now() - started, 0));
  }
  engine.close();
  const critical = last!.recommendations.filter((r) => r.severity === 'critical').map((r) => `${r.agent}: ${r.title}`);
  return {
    benchmark: 'agents',
    events,
    replay_seconds: replaySeconds,
    orchestrator_ms: timings,
    agent_ms: Object.fromEntries(last!.childRuns.map((r) => [r.agent, r.durationMs])),
    findings: last!.recommendations.length,
    critical,
    machine: machine(),
  };
}
