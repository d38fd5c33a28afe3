import { afterEach, describe, expect, it } from 'vitest';
import { allowedNumbers, narrate, numbersIn, unsupportedNumbers } from '../../../../src/core/agents/narrative';
import { AgentService } from '../../../../src/core/agents/agent-service';
import { createOpenAIChat } from '../../../../src/core/agents/openai-chat';
import type { Finding } from '../../../../src/core/agents/types';
import { FIXTURE_INCIDENTS, fillWithReplayFixture } from '../../../support/replay-fixture';
import { startFakeOpenAI } from '../../../support/fake-chat-endpoint';
import { createTestCore } from '../../../support/test-core';

const finding: Finding = {
  fingerprint: 'outage:ProcessorA:2026-11-18 10:00:00',
  subject: { key: 'processor:ProcessorA' },
  severity: 'critical',
  title: 'ProcessorA outage: approval 20.65% against 82.37% baseline (2026-11-18 10:00–12:00)',
  recommendation: 'Fail over ProcessorA traffic to ProcessorB.',
  evidence: {
    sql: 'SELECT 1',
    table: {
      columns: [
        { name: 'value', type: 'VARCHAR' },
        { name: 'window_attempts', type: 'BIGINT' },
        { name: 'lost_value', type: 'DOUBLE' },
      ],
      rows: [['ProcessorA', 155, 26578.88]],
    },
  },
  expectedImpact: '≈ 96 approvals (26,578.88 in value) lost in the window',
  expectedImpactValue: 26578.88,
};

describe('narrative number check', () => {
  it('reads the numbers a sentence states, not those inside names', () => {
    expect(numbersIn('ProcessorA2 p95 3DS rose to 1,234.5 ms in 2 hours (20.65%)')).toEqual([1234.5, 2, 20.65]);
  });

  it('accepts numbers from the evidence, also rounded; rejects any other', () => {
    const allowed = allowedNumbers(finding);
    expect(unsupportedNumbers('Approval fell to 20.65% (about 21%) on 155 attempts, losing 26,578.88.', allowed)).toEqual([]);
    expect(unsupportedNumbers('Approval fell to 19.2% and cost 40,000 in value.', allowed)).toEqual(['19.2', '40,000']);
  });
});

describe('narratives from an OpenAI-compatible endpoint', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('keeps a narrative whose numbers are all in the evidence', async () => {
    const server = await startFakeOpenAI(
      () => 'ProcessorA approved only 20.65% of 155 attempts against 82.37% normally; fail over to ProcessorB.',
    );
    close = server.close;
    const result = await narrate(finding, createOpenAIChat({ baseURL: server.baseURL, model: 'test-model' }));
    expect(result.narrative).toMatch(/^ProcessorA approved only 20.65%/);
    expect(server.requests[0]!.model).toBe('test-model');
    expect(server.requests[0]!.messages[1]!.content).toContain('26578.88');
  });

  it('asks once for a correction, then rejects a narrative with invented numbers', async () => {
    const server = await startFakeOpenAI(() => 'ProcessorA lost 5,000 approvals worth 1.2 million.');
    close = server.close;
    const result = await narrate(finding, createOpenAIChat({ baseURL: server.baseURL, model: 'm' }));
    expect(result.narrative).toBeNull();
    expect(result.rejected).toBe('its numbers 5,000, 1.2 are not in the evidence');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.messages.at(-1)!.content).toContain('These numbers are not in the evidence: 5,000, 1.2');
  });

  it('uses the corrected narrative when the second answer is right', async () => {
    const server = await startFakeOpenAI((_, i) => (i === 0 ? 'Approval fell to 3%.' : 'Approval fell to 20.65% in the window.'));
    close = server.close;
    const result = await narrate(finding, createOpenAIChat({ baseURL: server.baseURL, model: 'm' }));
    expect(result.narrative).toBe('Approval fell to 20.65% in the window.');
  });

  it('agents write checked narratives into agent_recommendations, and keep findings when the model is down', async () => {
    const core = await createTestCore();
    try {
      await fillWithReplayFixture(core.engine, { incidents: FIXTURE_INCIDENTS.filter((i) => i.kind === 'processor_outage') });
      // The fake model repeats the finding's title back: every number in it is in the evidence.
      const good = await startFakeOpenAI((req) => `In short: ${(JSON.parse(req.messages[1]!.content) as { title: string }).title}.`);
      close = good.close;
      const chat = createOpenAIChat({ baseURL: good.baseURL, model: 'm' });
      // Without a model configured (the test core has none) findings come without narratives.
      const offlineByDefault = await core.agents.run('smart_routing', { trigger: 'manual' });
      expect(offlineByDefault.recommendations.every((r) => r.narrative === null)).toBe(true);

      const service = new AgentService(core.engine, core.events, { chat: () => chat });
      const narrated = await service.run('smart_routing', { trigger: 'manual' });
      expect(narrated.recommendations.length).toBeGreaterThan(0);
      for (const r of narrated.recommendations) expect(r.narrative).toBe(`In short: ${r.title}.`);

      const down = new AgentService(core.engine, core.events, {
        chat: () => createOpenAIChat({ baseURL: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2000 }),
      });
      const offline = await down.run('smart_routing', { trigger: 'manual' });
      expect(offline.run.status).toBe('succeeded');
      expect(offline.run.message).toMatch(/^No narrative: the language model failed/);
      expect(offline.recommendations.length).toBe(narrated.recommendations.length);
      expect(offline.recommendations.every((r) => r.narrative === null)).toBe(true);
    } finally {
      await core.dispose();
    }
  });
});
