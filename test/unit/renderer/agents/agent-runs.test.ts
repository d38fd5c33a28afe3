import { describe, expect, it } from 'vitest';
import type { AgentInfo, AgentRun } from '../../../../src/shared/api';
import { RUNS_KEPT, withoutPending, withRunUpdate } from '../../../../src/renderer/features/agents/agent-runs';

const run = (
  runId: string,
  minute: number,
  status: AgentRun['status'] = 'running',
  agent: AgentRun['agent'] = 'smart_routing',
): AgentRun => ({
  runId,
  agent,
  parentRunId: null,
  trigger: 'manual',
  startedAt: `2026-12-07T10:${String(minute).padStart(2, '0')}:00.000Z`,
  finishedAt: null,
  durationMs: null,
  status,
  findings: 0,
  message: null,
});
const agent = (id: AgentInfo['id']): AgentInfo => ({
  id,
  name: id,
  looksAt: '',
  sources: [],
  relatedViews: [],
  schedule: { enabled: false, intervalMs: 3_600_000, nextRunAt: null },
  lastRun: null,
});

describe('agent runs as the page shows them', () => {
  it('a run that finishes replaces its running self in place; its agent card shows it as the last run', () => {
    const state = { runs: [run('b', 5), run('a', 1, 'succeeded')], agents: [agent('smart_routing'), agent('smart_retry')] };
    const next = withRunUpdate(state, run('b', 5, 'succeeded'));
    expect(next.runs.map((r) => [r.runId, r.status])).toEqual([
      ['b', 'succeeded'],
      ['a', 'succeeded'],
    ]);
    expect(next.agents[0]!.lastRun?.status).toBe('succeeded');
    expect(next.agents[1]).toBe(state.agents[1]);
    expect(state.runs[0]!.status).toBe('running');
  });

  it('keeps the newest runs first and at most RUNS_KEPT of them, even when an older run reports late', () => {
    const runs = Array.from({ length: RUNS_KEPT }, (_, i) => run(`r${i}`, 10 + (i % 40), 'succeeded')).sort((a, b) =>
      b.startedAt.localeCompare(a.startedAt),
    );
    const late = withRunUpdate({ runs, agents: [] }, run('old', 0, 'failed'));
    expect(late.runs).toHaveLength(RUNS_KEPT);
    expect(late.runs.some((r) => r.runId === 'old')).toBe(false);
    const fresh = withRunUpdate({ runs, agents: [] }, run('new', 59));
    expect(fresh.runs[0]!.runId).toBe('new');
    expect(fresh.runs).toHaveLength(RUNS_KEPT);
  });

  it('forgets one agent’s pending run without touching the others', () => {
    const a = new AbortController();
    const b = new AbortController();
    const pending = { smart_routing: a, smart_retry: b };
    expect(withoutPending(pending, 'smart_routing')).toEqual({ smart_retry: b });
    expect(pending.smart_routing).toBe(a);
  });
});
