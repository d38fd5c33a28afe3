import type { QueryResult } from '../../shared/api';
import type { AskChart, VerifiedQuestion } from '../../shared/api/domains/ask';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { formatValue } from './answer-sentence';
import { duckdbTarget, type SqlTarget } from '../engine/sql-target';
import { chooseChart } from './chart';
import { complete, type ChatMessage, type LlmConfig } from '../llm/llm-client';
import { dataFreeSqlError } from '../security/error-redaction';
import { buildPrompt, extractSql, repairMessages } from './llm-prompt';
import { describePeriod, type DataExtent } from './period';

export type LlmPhase = 'generating' | 'repairing' | 'running' | 'done';

export interface LlmAskOptions {
  config: LlmConfig;
  verified: VerifiedQuestion[];
  previous?: { question: string; sql: string };
  extent: DataExtent;
  signal?: AbortSignal;
  onText?: (text: string, phase: LlmPhase) => void;
  /** Log of every generated statement and the gate's decision (B3: log LLM SQL). */
  audit?: (entry: { sql: string; decision: 'ran' | 'refused' | 'failed'; reason?: string }) => void;
  /** Where the SQL runs (default: the engine's database). */
  target?: SqlTarget;
}

export type LlmOutcome =
  | { kind: 'answer'; sql: string; result: QueryResult; chart: AskChart; sentence: string; repaired: boolean }
  | { kind: 'cannot'; reason: string; suggestions: string[] };

/** The exact messages LLM mode would send for a question (Settings shows them). */
export async function llmPromptFor(
  engine: Engine,
  question: string,
  verified: VerifiedQuestion[],
  previous?: { question: string; sql: string },
  target: SqlTarget = duckdbTarget(engine),
): Promise<ChatMessage[]> {
  return buildPrompt({ question, relations: await target.relations(), verified, previous, dialect: target.dialect.name });
}

/**
 * LLM mode: prompt → SQL → gate + EXPLAIN → sandboxed run, with one repair on a SQL error (DuckDB's or the warehouse's).
 * SQL the gate refuses is never repaired or run: the refusal is the answer.
 */
export async function answerWithLlm(engine: Engine, question: string, options: LlmAskOptions): Promise<LlmOutcome> {
  const target = options.target ?? duckdbTarget(engine);
  const messages = await llmPromptFor(engine, question, options.verified, options.previous, target);
  const say = (phase: LlmPhase) => (text: string) => options.onText?.(text, phase);
  const reply = await complete(options.config, messages, { signal: options.signal, onText: say('generating') });
  const sql = extractSql(reply);
  if (!sql) {
    const why = reply.replace(/^\s*UNANSWERABLE[:.\s]*/i, '').trim();
    return {
      kind: 'cannot',
      reason: `The model could not answer that from this data${why ? `: ${why.slice(0, 300)}` : '.'}`,
      suggestions: [],
    };
  }
  // Gate + plan, then run; a SQL error from either (a warehouse has no plan-only check) gets one repair.
  const attempt = async (candidate: string) => {
    const checked = await validate(target, candidate, options);
    options.onText?.(checked, 'running');
    return target.run(checked, { signal: options.signal }).catch((error: unknown) => {
      options.audit?.({ sql: checked, decision: 'failed', reason: dataFreeSqlError(error, checked) });
      throw error;
    });
  };
  let repaired = false;
  let ran;
  try {
    ran = await attempt(sql);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'SQL_ERROR') throw error;
    // The model gets the error's class and position only: the rest can quote data (issue 16).
    const why = dataFreeSqlError(error, sql);
    const second = await complete(options.config, repairMessages(messages, sql, why), {
      signal: options.signal,
      onText: say('repairing'),
    });
    const fixed = extractSql(second);
    if (!fixed) throw new AppError('SQL_ERROR', `The model's SQL failed (${why}) and its repair attempt returned no SQL.`);
    try {
      ran = await attempt(fixed);
    } catch (again) {
      if (again instanceof AppError && again.code === 'SQL_ERROR') {
        throw new AppError(
          'SQL_ERROR',
          `The model's SQL failed twice; last error: ${dataFreeSqlError(again, fixed)}. Try rephrasing the question.`,
          {
            position: again.position,
          },
        );
      }
      throw again;
    }
    repaired = true;
  }
  options.audit?.({ sql: ran.sql, decision: 'ran' });
  options.onText?.(ran.sql, 'done');
  const { result } = ran;
  const chart = chooseChart(result.columns, result.rows.length);
  return {
    kind: 'answer',
    sql: ran.sql,
    result,
    chart,
    sentence: genericSentence(question, result, options.extent, options.config.model),
    repaired,
  };
}

async function validate(target: SqlTarget, sql: string, options: LlmAskOptions): Promise<string> {
  try {
    return await target.gate(sql);
  } catch (error) {
    const reason = error instanceof AppError && error.code === 'FORBIDDEN' ? error.message : dataFreeSqlError(error, sql);
    options.audit?.({ sql, decision: error instanceof AppError && error.code === 'FORBIDDEN' ? 'refused' : 'failed', reason });
    if (error instanceof AppError && error.code === 'FORBIDDEN') {
      throw new AppError('FORBIDDEN', `The model produced SQL that was blocked and not run: ${error.message}`);
    }
    throw error;
  }
}

/** A sentence for SQL the engine did not write: the headline value and the data's period. */
export function genericSentence(question: string, result: QueryResult, extent: DataExtent, source: string): string {
  const period = describePeriod(undefined, extent).replace(/^all data/, 'data');
  if (result.rows.length === 0) return `No rows answer "${question}" (${source}; ${period}, filtered as the SQL says).`;
  if (result.rows.length === 1 && result.columns.length === 1) {
    return `"${question}": ${formatValue(result.rows[0]?.[0] ?? null, undefined)} (${source}; ${period}, filtered as the SQL says).`;
  }
  return `"${question}": ${result.rows.length}${result.truncated ? '+' : ''} rows (${source}; ${period}, filtered as the SQL says).`;
}
