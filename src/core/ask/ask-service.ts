import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AskAnswer, AskMode, AskTarget } from '../../shared/api/domains/ask';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../api/event-bus';
import type { Engine } from '../engine/engine';
import type { SecretStore } from '../ports';
import type { SqlTarget, SqlTargetInfo, SqlTargets } from '../engine/sql-target';
import { AskStore, type StoredAnswer } from './ask-store';
import { chooseChart } from './chart';
import type { LlmConfig } from '../llm/llm-client';
import { answerWithLlm, genericSentence, llmPromptFor } from './llm-mode';
import { LlmSettingsStore } from './llm-settings';
import type { Intent } from './intent';
import { answerOffline, planQuestion } from './offline-engine';
import { semanticLayer } from './semantic-layer';
import { buildSql } from './sql-builder';

export interface AskInput {
  question: string;
  conversationId?: string;
  mode?: AskMode;
  askId?: string;
  /** Overrides the saved model settings (CLI --llm-base-url/--llm-model). */
  llm?: LlmConfig;
  /** Answer on this Databricks SQL warehouse profile instead of local DuckDB. */
  profileId?: string;
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
    private readonly targets: SqlTargets,
    private readonly events?: EventBus,
  ) {
    this.store = new AskStore(userDataDir);
    this.settings = new LlmSettingsStore(userDataDir, secrets);
  }

  /** This process's own model, over the saved settings (CLI --llm-base-url/--llm-model, set when core opens). */
  llmOverride?: LlmConfig;

  async ask(input: AskInput, signal?: AbortSignal): Promise<AskAnswer> {
    const started = performance.now();
    const conversationId = input.conversationId ?? randomUUID();
    const previous = this.store
      .conversation(conversationId)
      ?.answers.filter((a) => a.sql)
      .at(-1);
    const target = await this.targets.resolve(input.profileId);
    const base = {
      id: randomUUID(),
      conversationId,
      question: input.question,
      askedAt: new Date().toISOString(),
      rating: null,
      suggestions: [] as string[],
      target: askTarget(target.info),
    };
    const finish = (a: Omit<StoredAnswer, 'elapsedMs'>): AskAnswer => {
      const stored: StoredAnswer = { ...a, elapsedMs: performance.now() - started };
      this.store.append(stored);
      const { intent: _intent, portableSql: _portable, ...answer } = stored;
      return answer;
    };

    const verified = this.store.useVerified(input.question);
    const answered = verified && (await this.answerVerified(verified.sql, input.question, previous?.intent, target, signal));
    if (answered) return finish({ ...base, ...answered });

    const mode = input.mode ?? 'auto';
    const llm = input.llm ?? this.llmOverride ?? (await this.savedLlmConfig());
    if (mode === 'llm' && !llm)
      throw new AppError('INVALID_INPUT', 'No language model is configured: set one up in Settings → Ask, or ask in offline mode.');
    if (mode !== 'llm') {
      const offline = await answerOffline(this.engine, input.question, { context: previous?.intent, signal, target });
      if (offline.kind === 'answer') {
        const r = offline.result;
        const answer = target.info.kind === 'local' ? offline.sentence : `${offline.sentence} (${target.info.label})`;
        const portable = target.info.kind === 'local' ? undefined : portableSql(offline.intent);
        return finish({
          ...base,
          sql: offline.sql,
          columns: r.columns,
          rows: r.rows,
          truncated: r.truncated,
          chart: offline.chart,
          answer,
          source: 'offline',
          verified: false,
          intent: offline.intent,
          portableSql: portable,
        });
      }
      if (mode === 'offline' || !llm) {
        return finish({
          ...base,
          sql: null,
          columns: [],
          rows: [],
          truncated: false,
          chart: { type: 'table', y: [] },
          answer: offline.reason,
          source: 'offline',
          verified: false,
          suggestions: offline.suggestions,
        });
      }
    }
    const askId = input.askId ?? base.id;
    const out = await answerWithLlm(this.engine, input.question, {
      config: llm as LlmConfig,
      verified: this.store.verified(),
      previous: previous?.sql ? { question: previous.question, sql: previous.portableSql ?? previous.sql } : undefined,
      extent: await target.extent(),
      target,
      signal,
      onText: (text, phase) => this.events?.emit('ask.streamed', { askId, text, phase }),
      audit: (entry) => this.audit(entry),
    });
    if (out.kind === 'cannot') {
      return finish({
        ...base,
        sql: null,
        columns: [],
        rows: [],
        truncated: false,
        chart: { type: 'table', y: [] },
        answer: out.reason,
        source: 'llm',
        verified: false,
      });
    }
    const r = out.result;
    return finish({
      ...base,
      sql: out.sql,
      columns: r.columns,
      rows: r.rows,
      truncated: r.truncated,
      chart: out.chart,
      answer: out.sentence,
      source: 'llm',
      verified: false,
    });
  }

  /**
   * A verified pair's SQL on the target. Locally the offline engine's own answer is reused when it
   * wrote the same SQL (its sentence names the period); on a warehouse only its plan is used, for
   * follow-ups. A pair saved from a local answer may use DuckDB-only SQL: when the warehouse
   * rejects it, the question is answered afresh instead (undefined).
   */
  private async answerVerified(sql: string, question: string, context: Intent | undefined, target: SqlTarget, signal?: AbortSignal) {
    const local = target.info.kind === 'local';
    const offline = local ? await answerOffline(this.engine, question, { context, signal, target }).catch(() => undefined) : undefined;
    const same = offline?.kind === 'answer' && offline.sql === sql ? offline : undefined;
    const plan = local ? undefined : planQuestion(question, context);
    const planned = plan && 'intent' in plan && portableSql(plan.intent) === sql ? plan.intent : undefined;
    let ran;
    try {
      ran = same ? { sql: same.sql, result: same.result } : await target.run(sql, { signal });
    } catch (error) {
      if (!local && error instanceof AppError && error.code === 'SQL_ERROR') return undefined;
      throw error;
    }
    const { result } = ran;
    const sentence = same
      ? same.sentence
      : genericSentence(question, result, await target.extent(), `verified answer${local ? '' : `, ${target.info.label}`}`);
    return {
      sql: ran.sql,
      columns: result.columns,
      rows: result.rows,
      truncated: result.truncated,
      chart: same ? same.chart : chooseChart(result.columns, result.rows.length),
      answer: sentence,
      source: 'verified' as const,
      verified: true,
      intent: same?.intent ?? planned,
      portableSql: sql,
    };
  }

  /** Runs SQL the user edited in the Ask pane, through the same gate. */
  async run(
    input: { sql: string; question?: string; conversationId?: string; profileId?: string },
    signal?: AbortSignal,
  ): Promise<AskAnswer> {
    const started = performance.now();
    const target = await this.targets.resolve(input.profileId);
    // SQL edited on a warehouse answer is Databricks SQL, as the answer showed it.
    const { sql, result } = await target.run(input.sql, { signal, written: target.dialect.name });
    const extent = await target.extent();
    const question = input.question ?? 'Edited SQL';
    const answer: StoredAnswer = {
      id: randomUUID(),
      conversationId: input.conversationId ?? randomUUID(),
      question,
      sql,
      target: askTarget(target.info),
      columns: result.columns,
      rows: result.rows,
      truncated: result.truncated,
      chart: chooseChart(result.columns, result.rows.length),
      answer: genericSentence(question, result, extent, target.info.kind === 'local' ? 'edited SQL' : `edited SQL, ${target.info.label}`),
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
    // A warehouse answer is verified in its portable form (before qualification), so it serves either target.
    const sql = answer.portableSql ?? answer.sql;
    if (rating === 'up' && sql) {
      this.store.saveVerified(answer.question, sql);
      return { verified: true };
    }
    if (sql) this.store.removeVerified(answer.question, sql);
    return { verified: false };
  }

  async promptPreview(question: string): Promise<{
    endpoint: string;
    model: string;
    sendsKey: boolean;
    messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  }> {
    const s = this.settings.stored();
    const messages = await llmPromptFor(this.engine, question, this.store.verified());
    return {
      endpoint: `${s.baseUrl.replace(/\/$/, '')}/chat/completions`,
      model: s.model,
      sendsKey: Boolean(await this.settings.key()),
      messages,
    };
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

/** Ask runs on the local database or a warehouse profile (a bundle's sandbox is never one). */
function askTarget({ kind, label, profileId }: SqlTargetInfo): AskTarget {
  return kind === 'warehouse' ? { kind, label, profileId } : { kind: 'local', label };
}

/**
 * The SQL the offline engine writes for an intent on a warehouse, before names are qualified and
 * quoted for Databricks: DuckDB parses and runs it too, so a warehouse answer verifies with it.
 */
function portableSql(intent: Intent): string {
  const special = intent.special ? semanticLayer.specials.find((s) => s.id === intent.special) : undefined;
  return special?.sql ?? buildSql(intent, semanticLayer, 'databricks').sql;
}
