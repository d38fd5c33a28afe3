import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedNumbers, narrate, numbersIn, unsupportedNumbers } from '../../../../src/core/agents/narrative';
import { AgentService } from '../../../../src/core/agents/agent-service';
import { createOpenAIChat } from '../../../../src/core/agents/openai-chat';
import type { Finding } from '../../../../src/core/agents/types';
import { FIXTURE_INCIDENTS, fillWithReplayFixture } from '../../../support/replay-fixture';
import { FakeOpenAiServer } from '../../../support/fake-openai-server';
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
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
  });
  afterAll(() => fake.close());
  const say = (content: string) => ({ kind: 'content' as const, content });

  it('keeps a narrative whose numbers are all in the evidence', async () => {
    fake.reply(say('ProcessorA approved only 20.65% of 155 attempts against 82.37% normally; fail over to ProcessorB.'));
    const result = await narrate(finding, createOpenAIChat({ baseURL: fake.baseUrl, model: 'test-model' }));
    expect(result.narrative).toMatch(/^ProcessorA approved only 20.65%/);
    expect(fake.requests[0]!.body.model).toBe('test-model');
    expect(fake.requests[0]!.body.messages![1]!.content).toContain('26578.88');
  });

  it('asks once for a correction, then rejects a narrative with invented numbers', async () => {
    fake.reply(say('ProcessorA lost 5,000 approvals worth 1.2 million.'));
    const result = await narrate(finding, createOpenAIChat({ baseURL: fake.baseUrl, model: 'm' }));
    expect(result.narrative).toBeNull();
    expect(result.rejected).toBe('its numbers 5,000, 1.2 are not in the evidence');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.body.messages!.at(-1)!.content).toContain('These numbers are not in the evidence: 5,000, 1.2');
  });

  it('uses the corrected narrative when the second answer is right', async () => {
    fake.reply(say('Approval fell to 3%.'), say('Approval fell to 20.65% in the window.'));
    const result = await narrate(finding, createOpenAIChat({ baseURL: fake.baseUrl, model: 'm' }));
    expect(result.narrative).toBe('Approval fell to 20.65% in the window.');
  });

  it('caps the reply length, and a refused key says what to do (the same client and messages as Ask)', async () => {
    fake.reply({ kind: 'status', status: 401 });
    const chat = createOpenAIChat({ baseURL: fake.baseUrl, model: 'm', apiKey: 'wrong' });
    await expect(chat([{ role: 'user', content: 'hi' }], {})).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('refused the API key (401)'),
    });
    expect(fake.requests.at(-1)!.body.max_tokens).toBe(400);
    // No retry: one refused request, not two.
    expect(fake.requests.filter((r) => r.body.messages?.[0]?.content === 'hi')).toHaveLength(1);
  });

  describe('in agent runs', () => {
    let core: Awaited<ReturnType<typeof createTestCore>>;
    beforeAll(async () => {
      core = await createTestCore();
      await fillWithReplayFixture(core.engine, { incidents: FIXTURE_INCIDENTS.filter((i) => i.kind === 'processor_outage') });
    });
    afterAll(() => core.dispose());

    it('without a model configured, findings come without narratives and no request is made', async () => {
      fake.reply(say('unused'));
      const result = await core.agents.run('smart_routing', { trigger: 'manual' });
      expect(result.recommendations.length).toBeGreaterThan(0);
      expect(result.recommendations.every((r) => r.narrative === null)).toBe(true);
      expect(fake.requests).toHaveLength(0);
    });

    it("with the Ask pane's model enabled, every finding gets its checked narrative", async () => {
      fake.reply(say('Move the traffic away from the failing processor now and watch its technical declines.'));
      await core.ask.settings.save({ enabled: true, preset: 'custom', baseUrl: fake.baseUrl, model: 'ask-model' });
      const result = await core.agents.run('smart_routing', { trigger: 'manual' });
      expect(result.run.message).toBeNull();
      expect(result.recommendations.map((r) => r.narrative)).toEqual(
        result.recommendations.map(() => 'Move the traffic away from the failing processor now and watch its technical declines.'),
      );
      expect(fake.requests[0]!.body.model).toBe('ask-model');
      const stored = await core.engine.query('SELECT count(*) FROM agent_recommendations WHERE narrative LIKE $n', {
        params: { n: 'Move the traffic%' },
      });
      expect(stored.rows[0]![0]).toBe(result.recommendations.length);
    });

    it('rejects a narrative with numbers missing from the evidence and says so in the run history', async () => {
      fake.reply(say('ProcessorB lost 987,654.32 in value.'));
      await core.ask.settings.save({ enabled: true, preset: 'custom', baseUrl: fake.baseUrl, model: 'ask-model' });
      const result = await core.agents.run('smart_routing', { trigger: 'manual' });
      expect(result.run.status).toBe('succeeded');
      expect(result.recommendations.every((r) => r.narrative === null)).toBe(true);
      expect(result.run.message).toMatch(
        /^Narrative rejected for "ProcessorB outage: .*": its numbers 987,654.32 are not in the evidence\./,
      );
    });

    it('keeps the findings when the model is down, and says why there is no narrative', async () => {
      const down = new AgentService(core.engine, core.events, {
        chat: () => createOpenAIChat({ baseURL: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2000 }),
      });
      const offline = await down.run('smart_routing', { trigger: 'manual' });
      expect(offline.run.status).toBe('succeeded');
      expect(offline.run.message).toMatch(/^No narrative: the language model failed/);
      expect(offline.recommendations.length).toBeGreaterThan(0);
      expect(offline.recommendations.every((r) => r.narrative === null)).toBe(true);
    });
  });
});
