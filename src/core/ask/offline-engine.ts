import type { QueryResult } from '../../shared/api';
import type { AskChart } from '../../shared/api/domains/ask';
import { AppError } from '../../shared/errors';
import type { Engine } from '../engine/engine';
import { answerSentence, describeFilters } from './answer-sentence';
import { readRowListing, rowListSentence, rowListSql } from './row-list';
import { duckdbTarget, type SqlTarget } from '../engine/sql-target';
import { chooseChart } from './chart';
import { mergeFollowUp, type Filter, type Intent, type TimeWindow } from './intent';
import { describePeriod } from './period';
import { questionVocabulary } from './phrase-matcher';
import { parseQuestion } from './question-parser';
import { ignorableWords, ignoredNote } from './tolerance';
import { stripFraming } from './framing';
import { checkInput } from './input-guard';
import { semanticLayer, type SemanticLayer, type ValueSynonym } from './semantic-layer';
import { buildSql, type BuiltQuery } from './sql-builder';
import { goldSql } from './gold-views';
import { silverColumnTypes } from './column-types';
import { enumColumnsOf } from './typed-filters';
import { closePhrases, suggestQuestions } from './suggestions';
import { cleanEdit, splitToldContext } from './told-context';
import { windowBefore } from './period-pairs';
import { withoutFilter } from './filter-removal';

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

/** Within one day, "hourly" is the hour of that day (0–23), not a timestamp per hour. */
function hoursOfOneDay(intent: Intent): Intent {
  const t = intent.time;
  const oneDay =
    t !== undefined &&
    ((t.kind === 'days' && (t.n ?? 1) <= 1) ||
      t.kind === 'yesterday' ||
      (t.kind === 'in_month' && t.day !== undefined) ||
      (t.kind === 'range' && t.from === t.to));
  if (!oneDay || !intent.groupBy.includes('hour_ts')) return intent;
  return { ...intent, groupBy: intent.groupBy.map((g) => (g === 'hour_ts' ? 'event_hour' : g)) };
}

type Planned = { intent: Intent; corrected?: [string, string][]; ignored?: string[] } | { cannot: string; suggestions: string[] };

/** Turns a question into a plan without running anything (tests, the LLM prompt's examples). */
export function planQuestion(
  question: string,
  context: Intent | undefined,
  layer: SemanticLayer = semanticLayer,
  extraValues: ValueSynonym[] = [],
): Planned {
  const problem = checkInput(question);
  if (problem) return { cannot: problem.reason, suggestions: problem.reason.startsWith('Type') ? layer.samples.slice(0, 4) : [] };
  // "For the board deck: …", "I'm prepping the QBR for …": why the question is asked is read past, and said.
  const names = extraValues.flatMap((v) => v.phrases.map((p) => p.toLowerCase())).sort((a, b) => b.length - a.length);
  const framing = stripFraming(question, questionVocabulary(layer, extraValues), layer, names);
  const planned = planWords(framing.question || question, context, layer, extraValues);
  if (!('intent' in planned) || framing.ignored.length === 0) return planned;
  return { ...planned, ignored: [...framing.ignored, ...(planned.ignored ?? [])] };
}

function planWords(question: string, context: Intent | undefined, layer: SemanticLayer, extraValues: ValueSynonym[]): Planned {
  // "fraud rate by channel: split by card type instead", "top 5 merchants? same thing but just Travel": a question and its
  // follow-up typed together are answered as the follow-up applied to the question.
  // A volume floor after the question ("? only ones with at least 1000 txns") belongs to its ranking, not to a follow-up.
  // "Gaming + Digital Goods: what fraction of all fraud cases?": the part named first is the condition of the share.
  // "the 5 largest approved ecommerce payments", "biggest single payment — which merchant and how much?": single rows.
  const listed = readRowListing(question);
  if (listed) {
    const p = planQuestion(listed.rest, undefined, layer, extraValues);
    const i = 'intent' in p ? p.intent : undefined;
    if (i && !i.gold && !i.special && i.groupBy.length === 0 && !i.compare && !i.shareOf && !i.having)
      return {
        ...p,
        intent: {
          measures: [],
          groupBy: [],
          filters: i.rows ? i.filters : [...i.filters, ...measureFlags(i, layer)],
          time: i.time,
          rows: listed.listing,
        },
      };
  }
  const lead = SHARE_AFTER_COLON.exec(question.trim());
  if (lead) return planQuestion(`${lead[2]} of ${lead[3]} are ${lead[1]?.replace(/\s\+\s/g, ' and ')}`, context, layer, extraValues);
  const chained = chainedParts(question);
  if (chained) {
    const first = planQuestion(chained.context, context, layer, extraValues);
    if ('intent' in first && !first.intent.special && !first.intent.gold) {
      const next = planQuestion(chained.edit, first.intent, layer, extraValues);
      if ('intent' in next) {
        const intent = COMPARE_EDIT.test(chained.edit) ? compareWith(first.intent, next.intent) : next.intent;
        return { intent, corrected: [...(first.corrected ?? []), ...(next.corrected ?? [])] };
      }
    }
  }
  // "and the day before that": the previous question one day further back, when it was about one day.
  const back = context ? dayBefore(question, context.time) : undefined;
  if (context && back) return { intent: { ...context, time: back } };
  // "and for the 7 days before that?", "what about the previous week?": the previous question over the window before its own.
  const prior = context ? windowBefore(question, context.time) : undefined;
  if (context && prior) return { intent: { ...context, time: prior } };
  // "drop the Brazil filter": the previous question without that condition.
  const dropped = context ? withoutFilter(question, context, (w) => parseQuestion(w, layer, extraValues).intent.filters ?? []) : undefined;
  if (dropped) return { intent: dropped };
  let parsed = parseQuestion(question, layer, extraValues);
  // A name the data does not have ("revenue from Antarctica", "ProcessorD") is a filter with no rows, not a refusal.
  const place = unknownName(question, parsed.unknownWords, layer);
  if (place) {
    parsed = parseQuestion(question.replace(place.raw, ' '), layer, extraValues);
    parsed.intent.filters = [...(parsed.intent.filters ?? []), { kind: 'values', dimension: place.dimension, values: [place.name] }];
    // Grouped by the name, so the answer is the empty list of what was searched ("No rows"), not a sum of nothing.
    if (!(parsed.intent.groupBy ?? []).includes(place.dimension))
      parsed.intent.groupBy = [place.dimension, ...(parsed.intent.groupBy ?? [])];
  }
  const { intent: partial } = parsed;
  // Words read past (tolerant parsing): only when the rest is a complete plan and the words cannot change its meaning.
  const ignored = ignorableWords(question, parsed.unknownWords, partial, questionVocabulary(layer, extraValues)) ?? [];
  const said = ignored.length ? { ignored } : {};
  if (parsed.unknownWords.length > 0 && ignored.length === 0) {
    const hints = parsed.unknownWords.flatMap((w) => closePhrases(w, layer).map((p) => `"${w}" → "${p}"?`));
    // Name the words as typed: "weather", not the "water" a correction turned it into.
    const typed = (w: string) => (parsed.corrected ?? []).find(([, fix]) => fix === w)?.[0] ?? w;
    const words = [...new Set(parsed.unknownWords.map(typed))].map((w) => `"${w}"`).join(', ');
    return {
      cannot: `I can't answer that from the payments data: I don't know what ${words} ${parsed.unknownWords.length === 1 ? 'means' : 'mean'} here${hints.length ? ` (did you mean ${hints.slice(0, 2).join(' or ')})` : ''}, and I won't guess.`,
      suggestions: suggestQuestions(partial, parsed.unknownWords, layer),
    };
  }
  if (partial.special) {
    return {
      intent: {
        measures: [],
        groupBy: [],
        filters: [],
        special: partial.special,
        ...(partial.specialMin !== undefined ? { specialMin: partial.specialMin } : {}),
        ...(partial.specialLimit !== undefined ? { specialLimit: partial.specialLimit } : {}),
        ...(partial.specialVolume !== undefined ? { specialVolume: partial.specialVolume } : {}),
        ...(partial.specialCount ? { specialCount: true } : {}),
      },
    };
  }
  if (partial.gold) return { intent: { measures: [], groupBy: [], filters: [], gold: partial.gold }, ...said };
  const hasContent =
    (partial.measures?.length ?? 0) + (partial.groupBy?.length ?? 0) + (partial.filters?.length ?? 0) > 0 ||
    partial.time !== undefined ||
    partial.order !== undefined ||
    partial.compare !== undefined;
  if (context && !context.special && (parsed.followUp || (hasContent && (partial.measures?.length ?? 0) === 0))) {
    return {
      intent: hoursOfOneDay(mergeFollowUp(context, partial, { replaceGroupBy: parsed.replaceGroupBy })),
      corrected: parsed.corrected,
      ...said,
    };
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
    intent: hoursOfOneDay({
      measures,
      groupBy,
      filters: partial.filters ?? [],
      time: partial.time,
      ...(partial.shareOf ? { shareOf: partial.shareOf } : {}),
      ...(partial.compare ? { compare: partial.compare } : {}),
      ...(partial.having ? { having: partial.having } : {}),
      ...(partial.newestFirst ? { newestFirst: true } : {}),
      ...(partial.topShare ? { topShare: true } : {}),
      order: groupBy.length || partial.compare ? partial.order : undefined,
    }),
    corrected: parsed.corrected,
    ...said,
  };
}

/** The conditions the plan's measures carry ("declined payments" counts the declined): flags of the listed rows. */
function measureFlags(intent: Intent, layer: SemanticLayer): Filter[] {
  return intent.measures.flatMap((id) => {
    const own = layer.measures.find((m) => m.id === id)?.filter;
    const flag = own ? layer.flags.find((f) => f.sql === own) : undefined;
    return flag && !intent.filters.some((f) => f.kind === 'flag' && f.flag === flag.id) ? [{ kind: 'flag' as const, flag: flag.id }] : [];
  });
}

/** "approval rate for ProcessorA: compare with ProcessorC": the new value joins the old one, side by side. */
function compareWith(before: Intent, after: Intent): Intent {
  const filters = after.filters.map((f) => {
    const old = before.filters.find((b) => b.kind === 'values' && f.kind === 'values' && b.dimension === f.dimension && !b.negate);
    if (f.kind !== 'values' || old?.kind !== 'values') return f;
    return { ...f, values: [...new Set([...old.values, ...f.values])] };
  });
  const compared = filters.flatMap((f) => (f.kind === 'values' && f.values.length > 1 ? [f.dimension] : []));
  return { ...after, filters, groupBy: [...new Set([...compared, ...after.groupBy])] };
}

/** A question, then ":", "?", ";" or a dash, then a follow-up ("and …", "now …", "what about …", "same thing but …"). */
/** How many days back a one-day window is (today 0, yesterday 1), or undefined when it is not one day. */
function daysBack(time: TimeWindow | undefined): number | undefined {
  if (!time) return undefined;
  if (time.kind === 'yesterday') return 1;
  if (time.kind === 'days' && (time.n ?? 1) <= 1) return 0;
  if (time.kind === 'day_back') return time.back;
  return undefined;
}

/** "the day before (that)", "and the previous day?": the one-day window before the context's one. */
function dayBefore(question: string, time: TimeWindow | undefined): TimeWindow | undefined {
  const said = /^(?:and |what about |how about |then )?(?:on )?the (?:day before(?: that| it| then)?|previous day|prior day)\s*\??$/i.test(
    question.trim(),
  );
  const n = daysBack(time);
  if (!said || n === undefined) return undefined;
  return { kind: 'day_back', back: n + 1, label: n + 1 === 2 ? 'the day before yesterday' : `${n + 1} days before the newest day` };
}

/** "compare it with Colombia", "and compare with ProcessorC": the new value joins the old one. */
const COMPARE_EDIT = /^(?:and |now |then |also )?compare\b/i;

/** The question and its follow-up typed together: "earlier: X. now: Y", "X: break that down by Y as well". */
function chainedParts(question: string): { context: string; edit: string } | undefined {
  const told = splitToldContext(question);
  if (told) return told;
  const chained = CHAINED.exec(question.trim()) ?? DROP_AFTER.exec(question.trim());
  if (!chained || /\b(?:at least|minimum|or more)\b/.test(chained[2] ?? '')) return undefined;
  return { context: chained[1] ?? '', edit: cleanEdit(chained[2] ?? '') };
}

/** "declines by network for Brazil: drop the Brazil filter": a question, then a condition taken out of it. */
const DROP_AFTER = /^(.{6,}?)\s*[:;]\s+((?:now |then )?(?:drop|remove|clear|without)\b.+)$/i;

const SHARE_AFTER_COLON = /^([^:?]{3,60}?)\s*:\s*(what (?:fraction|share|percent|percentage|proportion|portion))\s+of\s+([^:?]+?)\s*\??$/i;
const CHAINED =
  /^(.{6,}?)\s*(?:[:?;]|\s[-–—])\s+((?:and|but|now|then|what about|how about|same|only|just|instead|also|split|break|compare (?:it |that )?(?:with|to|against)|drill)\b.+|(?:top|bottom) \d+ (?:instead|only)\b.*|.+\binstead\s*[?.!]?)$/i;

/** A people's adjective ("Japanese", "Korean", "Argentine", "Thai", "Dutch"): a country, never a merchant's name. */
const DEMONYM = /^[A-Z][a-z]+(?:ese|ian|ean|ine|ish|an|ic|i|ch|ss|ek)$/;

/** The noun after a name says what it names: "Healthcare segment", "Acme merchant". */
const NAME_NOUNS: [RegExp, string][] = [
  [/^(?:merchant )?(?:segments?|verticals?|industry)\b/i, 'merchant_segment'],
  [/^(?:processors?|acquirers?|psps?)\b/i, 'processor'],
  [/^(?:card )?(?:networks?|brands?|cards?)\b/i, 'card_network'],
  [/^(?:merchants?|stores?|shops?)\b/i, 'merchant'],
  [/^channels?\b/i, 'channel'],
];

/**
 * A name the data does not hold is a filter with no rows, not a refusal: "revenue from
 * Antarctica" (a place), "Healthcare segment", "ProcessorD" (a sibling of ProcessorA–C),
 * "JCB transactions" (an acronym: a card network), "Acme Books" (a merchant).
 */
function unknownName(
  question: string,
  unknown: string[],
  layer: SemanticLayer,
): { raw: string; name: string; dimension: string } | undefined {
  if (unknown.length === 0 || unknown.length > 4) return undefined;
  for (const m of question.matchAll(/\b([A-Z][A-Za-z0-9]*(?:[ -](?:[A-Z][A-Za-z0-9]*|\d+\b))*)/g)) {
    const name = m[1] ?? '';
    const words = name.toLowerCase().split(/[ -]+/);
    // The role after a place ("Japanese issuers") is placed with it.
    const role = /^[ -](?:issued|issuers?|issuing|banks?|cardholders?|merchants?|sellers?|stores?|shops?)\b/i.exec(
      question.slice((m.index ?? 0) + name.length),
    );
    const roleWord = DEMONYM.test(name) || /issued/i.test(role?.[0] ?? '') ? (role?.[0].trim().toLowerCase().replace(/^-/, '') ?? '') : '';
    if (!unknown.every((w) => words.includes(w) || w === roleWord)) continue;
    const before = question.slice(0, m.index);
    const after = question.slice((m.index ?? 0) + name.length).trim();
    const lower = name.toLowerCase();
    const sibling = layer.values.find((v) => v.value.length === name.length && v.value.toLowerCase().startsWith(lower.slice(0, -1)));
    const noun = NAME_NOUNS.find(([re]) => re.test(after));
    const nounText = noun ? (noun[0].exec(after)?.[0] ?? '') : '';
    if (sibling) return { raw: name, name, dimension: sibling.dimension };
    // "Japanese merchants", "Japan-issued cards", "Korean issuers": a place the data may not hold, in the role named after it.
    const issuedText = question.slice((m.index ?? 0) + name.length);
    const issuer =
      /^[- ]issued\b/i.exec(issuedText) ??
      (DEMONYM.test(name) ? /^ (?:issuers?|issuing banks?|banks?|cardholders?)\b/i.exec(issuedText) : null);
    if (issuer) return { raw: `${name}${issuer[0]}`, name, dimension: 'issuer_country' };
    if (DEMONYM.test(name) && /^(?:cards?)\b/i.test(after)) return { raw: name, name, dimension: 'issuer_country' };
    const seller = DEMONYM.test(name) ? /^ (?:merchants?|sellers?|stores?|shops?)\b/i.exec(issuedText) : null;
    if (seller) return { raw: `${name}${seller[0]}`, name, dimension: 'merchant_country' };
    if (noun) return { raw: `${name} ${nounText}`, name, dimension: noun[1] };
    if (/\bissued in\s+$/i.test(before)) return { raw: name, name, dimension: 'issuer_country' };
    if (/\b(in|from|at)\s+$/i.test(before)) return { raw: name, name, dimension: 'merchant_country' };
    // An acronym before "cards"/"transactions" is a card network ("JCB transactions"); a name of two words or more a merchant.
    if (/^[A-Z]{2,5}$/.test(name) && /^(?:cards?|transactions?|payments?|txns?|declines?|approvals?|volume|chargebacks?)\b/i.test(after))
      return { raw: name, name, dimension: 'card_network' };
    // One CamelCase word ("UnionPay", "RuPay", "DinersClub") is a brand: a card network.
    if (/^[A-Z][a-z]+[A-Z][A-Za-z]*$/.test(name)) return { raw: name, name, dimension: 'card_network' };
    if (words.length >= 2) return { raw: name, name, dimension: 'merchant' };
  }
  return undefined;
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
  // On DuckDB the extent is read first: the answer's time windows are written against its newest date.
  const local = target.dialect.name === 'duckdb';
  const [values, columnTypes, early] = await Promise.all([
    dataValues(target),
    silverColumnTypes(target),
    local ? target.extent() : undefined,
  ]);
  const enums = enumColumnsOf([...columnTypes]);
  const plan = planQuestion(question, options.context, layer, values);
  if ('cannot' in plan) return { kind: 'cannot', reason: plan.cannot, suggestions: plan.suggestions };
  const { intent } = plan;
  const special = intent.special ? layer.specials.find((s) => s.id === intent.special) : undefined;
  if (intent.special && !special) throw new AppError('INTERNAL', `Unknown special question ${intent.special}.`);
  const gold = intent.gold ? goldSql(intent.gold) : undefined;
  const context = { enums, columnTypes, newestDate: early?.maxDate ?? undefined };
  const built = special
    ? undefined
    : intent.rows
      ? rowListSql(intent, intent.rows, layer, context)
      : (gold ?? buildSql(intent, layer, target.dialect.name, context));
  // "fell more than 5 points": a change of at least that size, in its direction.
  const specialSql = (sql: string, min?: number) =>
    min === undefined
      ? sql
      : sql.replace(/\b(\w+_change_pp) ([<>]) 0\b/, (_, c: string, op: string) => `${c} ${op} ${op === '<' ? -min : min}`);
  const limited = (sql: string) => {
    const floor = intent.specialVolume ? sql.replace(/\bWHERE\b/, `WHERE transactions >= ${Math.floor(intent.specialVolume)} AND`) : sql;
    if (intent.specialCount) return `SELECT count(*) AS merchants FROM (${floor})`;
    if (!intent.specialLimit) return floor;
    // Rows that tie at the cut are taken by their first column, so the same question always shows the same rows.
    const tieBreak = /\bORDER BY [^()]*$/.test(floor) ? ', 1' : '';
    return `${floor}${tieBreak} LIMIT ${Math.floor(intent.specialLimit)}`;
  };
  const written = (special && limited(specialSql(special.sql, intent.specialMin))) ?? built?.sql ?? '';
  // Elsewhere the data's extent only feeds the sentence, so it is read while the answer's query runs.
  const [extentOut, resultOut] = await Promise.allSettled([
    early ?? target.extent(),
    target.run(written, { signal: options.signal, maxRows: options.maxRows, timeoutMs: options.timeoutMs }),
  ]);
  if (extentOut.status === 'rejected') throw extentOut.reason;
  const extent = extentOut.value;
  if (extent.missing) {
    return {
      kind: 'cannot',
      reason: await target.noData(),
      suggestions: [],
    };
  }
  if (resultOut.status === 'rejected') throw resultOut.reason;
  const { sql, result } = resultOut.value;
  if (special) {
    const chart = special.chart === 'bar' ? chooseChart(result.columns, result.rows.length) : { type: special.chart, y: [] as string[] };
    // The first row of a ranked list is named: "led by Delta Water 288 (+26.12 pp)".
    const [name, change] = result.rows[0] ?? [];
    const counted = intent.specialCount ? `${String(name)} merchants` : undefined;
    const led =
      typeof name === 'string' && typeof change === 'number' && /_change_pp$/.test(result.columns[1]?.name ?? '')
        ? `, led by ${name} (${change > 0 ? '+' : ''}${change} pp)`
        : '';
    const sentence = `${special.label.charAt(0).toUpperCase()}${special.label.slice(1)}, comparing ${special.period} (newest data ${extent.maxDate ?? 'none'}): ${counted ?? `${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'}${led}`}.`;
    return { kind: 'answer', sql, intent, result, chart, sentence };
  }
  const query: BuiltQuery = built ?? { sql, dimensionColumns: [], measures: [] };
  if (intent.rows) {
    const columns = result.columns.map((c) => c.name);
    const sentence = rowListSentence(
      intent.rows,
      columns,
      result.rows,
      describeFilters(intent.filters, layer),
      describePeriod(intent.time, extent),
    );
    const chart: AskChart = { type: 'table', y: [] };
    return { kind: 'answer', sql, intent, result, chart, sentence };
  }
  if (intent.gold && query.measures.length === 0) {
    const chart = chooseChart(result.columns, result.rows.length);
    const names = result.rows.map((r) => r.map(String).join(' / ')).slice(0, 5);
    const sentence =
      result.rows.length === 0
        ? 'No rows: no gold-view row matched those conditions.'
        : `${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'}: ${names.join(', ')}.`;
    const note = plan.ignored?.length ? ignoredNote(`the gold view ${intent.gold.view}`, plan.ignored) : '';
    return { kind: 'answer', sql, intent, result, chart, sentence: `${sentence}${note}` };
  }
  const chart = chooseChart(result.columns, result.rows.length, { dimensionColumns: query.dimensionColumns, timeColumn: query.timeColumn });
  const named = intent.compare?.periods?.map((p) => describePeriod(p.time, extent)) as [string, string] | undefined;
  const period = intent.gold
    ? `the gold view ${intent.gold.view}`
    : named
      ? `${named[0]} against ${named[1]}`
      : describePeriod(intent.time, extent);
  // A gold view's ranking ("which processor should we route to") names its top row like any ranking.
  const goldOrder = intent.gold?.order
    ? { ...intent.gold.order, word: intent.gold.order.direction === 'asc' ? 'bottom' : 'top' }
    : undefined;
  const sentence = answerSentence({
    intent: goldOrder ? { ...intent, order: goldOrder } : intent,
    measures: query.measures,
    columns: result.columns,
    rows: result.rows,
    period,
    layer,
    timeColumn: query.timeColumn,
    dimensionColumns: query.dimensionColumns,
    ...(named ? { periods: named } : {}),
  });
  const read = plan.corrected?.length ? ` (I read ${plan.corrected.map(([from, to]) => `"${from}" as "${to}"`).join(', ')}.)` : '';
  const skipped = plan.ignored?.length ? ignoredNote(`${query.measures.map((m) => m.label).join(', ')}, ${period}`, plan.ignored) : '';
  return { kind: 'answer', sql, intent, result, chart, sentence: `${sentence}${read}${skipped}` };
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
