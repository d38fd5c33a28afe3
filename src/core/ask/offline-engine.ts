import type { QueryResult } from '../../shared/api';
import type { AskChart } from '../../shared/api/domains/ask';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { answerSentence } from './answer-sentence';
import { duckdbTarget, type SqlTarget } from '../engine/sql-target';
import { chooseChart } from './chart';
import { mergeFollowUp, type Intent } from './intent';
import { describePeriod } from './period';
import { parseQuestion } from './question-parser';
import { checkInput } from './input-guard';
import { semanticLayer, type SemanticLayer, type ValueSynonym } from './semantic-layer';
import { buildSql, type BuiltQuery } from './sql-builder';
import { goldSql } from './gold-views';
import { closePhrases, suggestQuestions } from './suggestions';

/** What the offline engine made of a question: an answer, or an honest refusal with suggestions. */
export type OfflineOutcome =
  | { kind: 'answer'; sql: string; intent: Intent; result: QueryResult; chart: AskChart; sentence: string }
  | { kind: 'cannot'; reason: string; suggestions: string[] };

export interface OfflineOptions {
  /** The previous answer's intent, for follow-ups. */
  context?: Intent;
  signal?: AbortSignal;
  maxRows?: number;
  timeoutMs?: number;
  /** Where the SQL runs (default: the engine's database). */
  target?: SqlTarget;
}

/** Turns a question into a plan without running anything (tests, the LLM prompt's examples). */
export function planQuestion(
  question: string,
  context: Intent | undefined,
  layer: SemanticLayer = semanticLayer,
  extraValues: ValueSynonym[] = [],
): { intent: Intent; corrected?: [string, string][] } | { cannot: string; suggestions: string[] } {
  const problem = checkInput(question);
  if (problem) return { cannot: problem.reason, suggestions: problem.reason.startsWith('Type') ? layer.samples.slice(0, 4) : [] };
  let parsed = parseQuestion(question, layer, extraValues);
  // A capitalised name after "in/from/at" that the data does not have ("revenue from Antarctica") is a place with no rows, not a refusal.
  const place = unknownPlace(question, parsed.unknownWords);
  if (place) {
    parsed = parseQuestion(question.replace(place.raw, ' '), layer, extraValues);
    parsed.intent.filters = [...(parsed.intent.filters ?? []), { kind: 'values', dimension: place.dimension, values: [place.name] }];
  }
  const { intent: partial } = parsed;
  if (parsed.unknownWords.length > 0) {
    const hints = parsed.unknownWords.flatMap((w) => closePhrases(w, layer).map((p) => `"${w}" → "${p}"?`));
    const words = parsed.unknownWords.map((w) => `"${w}"`).join(', ');
    return {
      cannot: `I can't answer that from the payments data: I don't know what ${words} ${parsed.unknownWords.length === 1 ? 'means' : 'mean'} here${hints.length ? ` (did you mean ${hints.slice(0, 2).join(' or ')})` : ''}, and I won't guess.`,
      suggestions: suggestQuestions(partial, parsed.unknownWords, layer),
    };
  }
  if (partial.special) {
    return { intent: { measures: [], groupBy: [], filters: [], special: partial.special } };
  }
  if (partial.gold) return { intent: { measures: [], groupBy: [], filters: [], gold: partial.gold } };
  const hasContent =
    (partial.measures?.length ?? 0) + (partial.groupBy?.length ?? 0) + (partial.filters?.length ?? 0) > 0 ||
    partial.time !== undefined ||
    partial.order !== undefined ||
    partial.compare !== undefined;
  if (context && !context.special && (parsed.followUp || (hasContent && (partial.measures?.length ?? 0) === 0))) {
    return { intent: mergeFollowUp(context, partial, { replaceGroupBy: parsed.replaceGroupBy }), corrected: parsed.corrected };
  }
  if (!hasContent) {
    return {
      cannot:
        "I can't tell what to measure in that question. Ask about transactions, approval rate, declines, value, fraud, latency or retries, for example.",
      suggestions: suggestQuestions(partial, [], layer),
    };
  }
  const readings = ambiguousReadings(question, partial);
  if (readings) return { cannot: readings.reason, suggestions: readings.choices };
  const measures = partial.measures && partial.measures.length > 0 ? partial.measures : ['transactions'];
  const groupBy = partial.groupBy ?? [];
  return {
    intent: {
      measures,
      groupBy,
      filters: partial.filters ?? [],
      time: partial.time,
      ...(partial.shareOf ? { shareOf: partial.shareOf } : {}),
      ...(partial.compare ? { compare: partial.compare } : {}),
      order: groupBy.length || partial.compare ? partial.order : undefined,
    },
    corrected: parsed.corrected,
  };
}

/** "…from Antarctica": the unknown words are one capitalised name after a place preposition. */
function unknownPlace(question: string, unknown: string[]): { raw: string; name: string; dimension: string } | undefined {
  if (unknown.length === 0 || unknown.length > 3) return undefined;
  const m = /\b(issued in|in|from|at|to)\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2})\b/.exec(question);
  if (!m?.[2] || !unknown.every((w) => (m[2] ?? '').toLowerCase().split(/\s+/).includes(w))) return undefined;
  return { raw: m[0].replace(/^\S+\s+/, ''), name: m[2], dimension: m[1] === 'issued in' ? 'issuer_country' : 'merchant_country' };
}

/** Where two readings are plausible, the readings as one-click questions instead of a guess. */
function ambiguousReadings(question: string, partial: Partial<Intent>): { reason: string; choices: string[] } | undefined {
  const base = question
    .trim()
    .replace(/[?.!]+$/, '')
    .replace(/^(?:and|but|so|what about|how about|now|same)\s+(?:for\s+)?/i, '');
  if ((partial.measures?.length ?? 0) === 0 && partial.order && (partial.groupBy?.length ?? 0) > 0) {
    return {
      reason: `"${base}" can be ranked several ways. Which one do you mean?`,
      choices: [`${base} by approval rate`, `${base} by approved value`, `${base} by number of transactions`, `${base} by fraud rate`],
    };
  }
  if (
    (partial.measures?.length ?? 0) === 0 &&
    (partial.groupBy?.length ?? 0) === 0 &&
    (partial.filters?.length ?? 0) > 0 &&
    !partial.compare &&
    (partial.filters ?? []).every((f) => f.kind === 'values')
  ) {
    return {
      reason: `What would you like to know about "${base}"?`,
      choices: [`approval rate for ${base}`, `number of transactions for ${base}`, `total value for ${base}`, `fraud rate for ${base}`],
    };
  }
  return undefined;
}

/** Answers a question from the semantic layer alone: no model, no network. */
export async function answerOffline(
  engine: Engine,
  question: string,
  options: OfflineOptions = {},
  layer: SemanticLayer = semanticLayer,
): Promise<OfflineOutcome> {
  const target = options.target ?? duckdbTarget(engine);
  const plan = planQuestion(question, options.context, layer, await dataValues(target));
  if ('cannot' in plan) return { kind: 'cannot', reason: plan.cannot, suggestions: plan.suggestions };
  const { intent } = plan;
  const special = intent.special ? layer.specials.find((s) => s.id === intent.special) : undefined;
  if (intent.special && !special) throw new AppError('INTERNAL', `Unknown special question ${intent.special}.`);
  const gold = intent.gold ? goldSql(intent.gold) : undefined;
  const built = special ? undefined : (gold ?? buildSql(intent, layer, target.dialect.name));
  const written = special?.sql ?? built?.sql ?? '';
  // The data's extent only feeds the sentence, so it is read while the answer's query runs.
  const [extentOut, resultOut] = await Promise.allSettled([
    target.extent(),
    target.run(written, { signal: options.signal, maxRows: options.maxRows, timeoutMs: options.timeoutMs }),
  ]);
  if (extentOut.status === 'rejected') throw extentOut.reason;
  const extent = extentOut.value;
  if (extent.missing) {
    return {
      kind: 'cannot',
      reason: target.noData,
      suggestions: [],
    };
  }
  if (resultOut.status === 'rejected') throw resultOut.reason;
  const { sql, result } = resultOut.value;
  if (special) {
    const chart = special.chart === 'bar' ? chooseChart(result.columns, result.rows.length) : { type: special.chart, y: [] as string[] };
    const sentence = `${special.label.charAt(0).toUpperCase()}${special.label.slice(1)}, comparing ${special.period} (newest data ${extent.maxDate ?? 'none'}): ${result.rows.length} rows.`;
    return { kind: 'answer', sql, intent, result, chart, sentence };
  }
  const query: BuiltQuery = built ?? { sql, dimensionColumns: [], measures: [] };
  if (intent.gold && query.measures.length === 0) {
    const chart = chooseChart(result.columns, result.rows.length);
    const names = result.rows.map((r) => r.map(String).join(' / ')).slice(0, 5);
    const sentence =
      result.rows.length === 0 ? 'No rows: no gold-view row matched those conditions.' : `${result.rows.length} rows: ${names.join(', ')}.`;
    return { kind: 'answer', sql, intent, result, chart, sentence };
  }
  const chart = chooseChart(result.columns, result.rows.length, { dimensionColumns: query.dimensionColumns, timeColumn: query.timeColumn });
  const sentence = answerSentence({
    intent,
    measures: query.measures,
    columns: result.columns,
    rows: result.rows,
    period: intent.gold ? `the gold view ${intent.gold.view}` : describePeriod(intent.time, extent),
    layer,
    timeColumn: query.timeColumn,
    dimensionColumns: query.dimensionColumns,
  });
  const read = plan.corrected?.length ? ` (I read ${plan.corrected.map(([from, to]) => `"${from}" as "${to}"`).join(', ')}.)` : '';
  return { kind: 'answer', sql, intent, result, chart, sentence: `${sentence}${read}` };
}

const valueCache = new WeakMap<object, { at: number; values: ValueSynonym[] }>();

/** The data's own names (merchants), so "Orchid Arcade 3" is a value, not an unknown word; read once a minute per target. */
async function dataValues(target: SqlTarget): Promise<ValueSynonym[]> {
  const key = target.info;
  const cached = valueCache.get(key);
  if (cached && Date.now() - cached.at < 60_000) return cached.values;
  let values: ValueSynonym[];
  try {
    const { result } = await target.run(
      'SELECT DISTINCT merchant_name FROM payments_enriched_silver WHERE merchant_name IS NOT NULL LIMIT 5000',
      {
        maxRows: 5000,
        timeoutMs: 5000,
      },
    );
    values = result.rows.map((r) => String(r[0])).map((name) => ({ dimension: 'merchant', value: name, phrases: [name] }));
  } catch {
    values = [];
  }
  valueCache.set(key, { at: Date.now(), values });
  return values;
}
