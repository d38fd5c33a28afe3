import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AskAnswer, AskMode } from '../../shared/api/domains/ask';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../api/event-bus';
import type { Engine } from '../engine/engine';
import type { SecretStore } from '../ports';
import { runUntrustedSql } from '../security/untrusted-sql';
import { AskStore, type StoredAnswer } from './ask-store';
import { chooseChart } from './chart';
import type { LlmConfig } from './llm-client';
import { answerWithLlm, genericSentence, llmPromptFor } from './llm-mode';
import { LlmSettingsStore } from './llm-settings';
import { answerOffline, readExtent } from './offline-engine';

export interface AskInput {
  question: string;
  conversationId?: string;
  mode?: AskMode;
  askId?: string;
  /** Overrides the saved model settings (CLI --llm-base-url/--llm-model). */
  llm?: LlmConfig;
}

/**
 * The Ask pane's brain: verified pairs first, then the offline semantic engine, then (when
 * configured) a language model; every answer is kept in the local conversation history.
 */
export class AskService {
  readonly store: AskStore;
  readonly settings: LlmSettingsStore;

  constructor(
    private readonly engine: Engine,
    private readonly userDataDir: string,
    secrets: SecretStore,
    private readonly events?: EventBus,
  ) {
    this.store = new AskStore(userDataDir);
    this.settings = new LlmSettingsStore(userDataDir, secrets);
  }

  async ask(input: AskInput, signal?: AbortSignal): Promise<AskAnswer> {
    const started = performance.now();
    const conversationId = input.conversationId ?? randomUUID();
    const previous = this.store.conversation(conversationId)?.answers.filter((a) => a.sql).at(-1);
    const base = { id: randomUUID(), conversationId, question: input.question, askedAt: new Date().toISOString(), rating: null, suggestions: [] as string[] };
    const finish = (a: Omit<StoredAnswer, 'elapsedMs'>): AskAnswer => {
      const stored: StoredAnswer = { ...a, elapsedMs: performance.now() - started };
      this.store.append(stored);
      const { intent: _intent, ...answer } = stored;
      return answer;
    };

    const verified = this.store.useVerified(input.question);
    if (verified) {
      // The offline engine's own answer is reused when it wrote the same SQL (its sentence names the period).
      const offline = await answerOffline(this.engine, input.question, { context: previous?.intent, signal }).catch(() => undefined);
      const same = offline?.kind === 'answer' && offline.sql === verified.sql ? offline : undefined;
      const result = same ? same.result : await runUntrustedSql(this.engine, verified.sql, { signal });
      const sentence = same ? same.sentence : genericSentence(input.question, result, await readExtent(this.engine), 'verified answer');
      const chart = same ? same.chart : chooseChart(result.columns, result.rows.length);
      return finish({ ...base, sql: verified.sql, columns: result.columns, rows: result.rows, truncated: result.truncated, chart, answer: sentence, source: 'verified', verified: true, intent: same?.intent });
    }

    const mode = input.mode ?? 'auto';
    const llm = input.llm ?? (await this.savedLlmConfig());
    if (mode === 'llm' && !llm) throw new AppError('INVALID_INPUT', 'No language model is configured: set one up in Settings → Ask, or ask in offline mode.');
    if (mode !== 'llm') {
      const offline = await answerOffline(this.engine, input.question, { context: previous?.intent, signal });
      if (offline.kind === 'answer') {
        const r = offline.result;
        return finish({ ...base, sql: offline.sql, columns: r.columns, rows: r.rows, truncated: r.truncated, chart: offline.chart, answer: offline.sentence, source: 'offline', verified: false, intent: offline.intent });
      }
      if (mode === 'offline' || !llm) {
        return finish({ ...base, sql: null, columns: [], rows: [], truncated: false, chart: { type: 'table', y: [] }, answer: offline.reason, source: 'offline', verified: false, suggestions: offline.suggestions });
      }
    }
    const askId = input.askId ?? base.id;
    const out = await answerWithLlm(this.engine, input.question, {
      config: llm as LlmConfig,
      verified: this.store.verified(),
      previous: previous?.sql ? { question: previous.question, sql: previous.sql } : undefined,
      extent: await readExtent(this.engine),
      signal,
      onText: (text, phase) => this.events?.emit('ask.streamed', { askId, text, phase }),
      audit: (entry) => this.audit(entry),
    });
    if (out.kind === 'cannot') {
      return finish({ ...base, sql: null, columns: [], rows: [], truncated: false, chart: { type: 'table', y: [] }, answer: out.reason, source: 'llm', verified: false });
    }
    const r = out.result;
    return finish({ ...base, sql: out.sql, columns: r.columns, rows: r.rows, truncated: r.truncated, chart: out.chart, answer: out.sentence, source: 'llm', verified: false });
  }

  /** Runs SQL the user edited in the Ask pane, through the same gate. */
  async run(input: { sql: string; question?: string; conversationId?: string }, signal?: AbortSignal): Promise<AskAnswer> {
    const started = performance.now();
    const result = await runUntrustedSql(this.engine, input.sql, { signal });
    const extent = await readExtent(this.engine);
    const question = input.question ?? 'Edited SQL';
    const answer: StoredAnswer = {
      id: randomUUID(),
      conversationId: input.conversationId ?? randomUUID(),
      question,
      sql: input.sql.trim(),
      columns: result.columns,
      rows: result.rows,
      truncated: result.truncated,
      chart: chooseChart(result.columns, result.rows.length),
      answer: genericSentence(question, result, extent, 'edited SQL'),
      source: 'edited',
      verified: false,
      suggestions: [],
      rating: null,
      askedAt: new Date().toISOString(),
      elapsedMs: performance.now() - started,
    };
    this.store.append(answer);
    return answer;
  }

  /** Thumbs up saves the pair as verified; thumbs down (or clearing) removes it again. */
  feedback(answerId: string, rating: 'up' | 'down' | null): { verified: boolean } {
    const answer = this.store.rate(answerId, rating);
    if (!answer) throw new AppError('NOT_FOUND', 'That answer is no longer in the history; ask the question again.');
    if (rating === 'up' && answer.sql) {
      this.store.saveVerified(answer.question, answer.sql);
      return { verified: true };
    }
    if (answer.sql) this.store.removeVerified(answer.question, answer.sql);
    return { verified: false };
  }

  async promptPreview(question: string): Promise<{ endpoint: string; model: string; sendsKey: boolean; messages: { role: 'system' | 'user' | 'assistant'; content: string }[] }> {
    const s = this.settings.stored();
    const messages = await llmPromptFor(this.engine, question, this.store.verified());
    return { endpoint: `${s.baseUrl.replace(/\/$/, '')}/chat/completions`, model: s.model, sendsKey: Boolean(await this.settings.key()), messages };
  }

  private async savedLlmConfig(): Promise<LlmConfig | undefined> {
    const s = this.settings.stored();
    if (!s.enabled || !s.baseUrl || !s.model) return undefined;
    return { baseUrl: s.baseUrl, model: s.model, apiKey: await this.settings.key(), timeoutMs: s.timeoutMs, stream: s.stream };
  }

  private audit(entry: { sql: string; decision: string; reason?: string }): void {
    const dir = join(this.userDataDir, 'ask');
    mkdirSync(dir, { recursive: true });
    appendFileSync(join(dir, 'llm-audit.jsonl'), JSON.stringify({ at: new Date().toISOString(), ...entry }) + '\n', { mode: 0o600 });
  }
}
