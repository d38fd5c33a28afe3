import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentService } from '../../../../src/core/agents/agent-service';
import { AgentScheduler } from '../../../../src/core/agents/scheduler';
import type { AgentId } from '../../../../src/shared/api';

/** Records the runs the scheduler asks for; `busy` agents report a run in progress. */
function recordingService(busy = new Set<AgentId>()) {
  const calls: { agent: AgentId | undefined; trigger: string }[] = [];
  const service = {
    isRunning: (agent: AgentId) => busy.has(agent),
    run: async (agent: AgentId | undefined, options: { trigger: string }) => {
      calls.push({ agent, trigger: options.trigger });
      return {} as never;
    },
  } as unknown as AgentService;
  return { service, calls };
}

describe('agent scheduler', () => {
  let dir: string;
  beforeEach(() => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'medallion-sched-'));
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses the platform defaults: risk every 2 h, retry 4 h, routing 6 h, decline and performance daily, orchestrator weekly', () => {
    const s = new AgentScheduler(recordingService().service, join(dir, 's.json'));
    const hours = (id: AgentId) => s.get(id).intervalMs / 3_600_000;
    expect([
      hours('risk_assessor'),
      hours('smart_retry'),
      hours('smart_routing'),
      hours('decline_analyst'),
      hours('performance_recommender'),
      hours('orchestrator'),
    ]).toEqual([2, 4, 6, 24, 24, 168]);
  });

  it('runs each agent on its interval while started, and stops when stopped', async () => {
    const { service, calls } = recordingService();
    const s = new AgentScheduler(service, join(dir, 's.json'));
    s.start();
    expect(s.get('risk_assessor').nextRunAt).not.toBeNull();
    await vi.advanceTimersByTimeAsync(2 * 3_600_000 + 10);
    expect(calls).toEqual([{ agent: 'risk_assessor', trigger: 'schedule' }]);
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(calls.filter((c) => c.agent === 'risk_assessor')).toHaveLength(2);
    expect(calls.filter((c) => c.agent === 'smart_retry')).toHaveLength(1);
    s.stop();
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(calls).toHaveLength(3);
  });

  it('a quick demo interval, kept in the settings file for the next start', async () => {
    const file = join(dir, 's.json');
    const { service, calls } = recordingService();
    const s = new AgentScheduler(service, file);
    s.start();
    s.set('decline_analyst', true, 60_000);
    s.set('risk_assessor', false, 2 * 3_600_000);
    await vi.advanceTimersByTimeAsync(3 * 60_000 + 10);
    expect(calls.map((c) => c.agent)).toEqual(['decline_analyst', 'decline_analyst', 'decline_analyst']);
    s.stop();
    expect(JSON.parse(readFileSync(file, 'utf8')).decline_analyst).toEqual({ enabled: true, intervalMs: 60_000 });
    const reloaded = new AgentScheduler(service, file);
    expect(reloaded.get('decline_analyst').intervalMs).toBe(60_000);
    expect(reloaded.get('risk_assessor').enabled).toBe(false);
  });

  it('does not start a second run of an agent that is still running', async () => {
    const { service, calls } = recordingService(new Set(['orchestrator']));
    const s = new AgentScheduler(service, join(dir, 's.json'));
    s.start();
    s.set('orchestrator', true, 60_000);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(calls.filter((c) => c.agent === 'orchestrator')).toEqual([]);
    expect(s.get('orchestrator').nextRunAt).not.toBeNull();
    s.stop();
  });
});
