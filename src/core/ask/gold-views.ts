import goldJson from './gold-views.json';
import type { Measure, SemanticLayer } from './semantic-layer';
import { quoteIdentIfNeeded, quoteLiteral } from '../../shared/sql/quote';

interface GoldMeasure {
  id: string;
  column: string;
  /** `count`: the view's rows counted; `ratio`: 100 × sum(num) / sum(den) over the rows summed (a rate of a view of counts). */
  agg?: 'count' | 'ratio';
  num?: string;
  den?: string;
  /** The view covers all data: a question about a window is read from the transactions instead. */
  allTime?: boolean;
  /** Only when the question names one of the view's keys or a value of one ("decline recovery rate by network", "for Amex"). */
  needsKey?: boolean;
  label: string;
  format: Measure['format'];
  phrases: string[];
  /** Only when the question names this dimension (a value or the word): "recovery rate for insufficient funds". */
  needs?: string;
  /** Read from this view only next to another of its measures ("net settled value and fraud losses"); alone it is the silver measure. */
  companion?: boolean;
}
interface GoldFlag {
  id: string;
  sql: string;
  label: string;
  phrases: string[];
  /** What "which …" lists for this flag ("which processors have a degradation alert"). */
  shows?: string;
  /** The flag alone names the view's rows ("any fraud spikes?" asks for fraud-spike alerts): its count measure applies. */
  alone?: boolean;
}
interface GoldView {
  view: string;
  keys: string[];
  /** What a list of the view's rows shows ("any active alerts?"): its keys and the numbers that explain them. */
  listColumns?: string[];
  rowWords: string[];
  measures: GoldMeasure[];
  flags: GoldFlag[];
  dims?: Record<string, string[]>;
  /** The column a value of a silver dimension is found in ("ProcessorB" is an alert's dimension_value). */
  valueColumns?: Record<string, string>;
  /** Read only when the question names the view itself ("executive KPIs", "routing", "error rate"): then every measure it names is shown. */
  namedBy?: string[];
  /** The days the view covers ending at the newest event: a question about another window is not read from it. */
  windowDays?: number;
  /** The window must be exactly `windowDays` (a rolling KPI snapshot), not any part of it. */
  windowExact?: boolean;
  /** Words after which the name is another thing ("processing error" is a decline reason, not the system's error rate). */
  notAfter?: string[];
}

const VIEWS = (goldJson as { views: GoldView[] }).views;

/** A question answered from one gold view: its measure, conditions, breakdown and ranking. */
export interface GoldPlan {
  view: string;
  measure: string;
  /** More measures of a one-row view named in the same question ("net settled value and fraud losses"). */
  also?: string[];
  flags: string[];
  values: { column: string; value: string }[];
  groupBy?: string;
  /** The one key of a view of several a question names ("which decline reason has the most potential recovery value"): summed over the others. */
  by?: string[];
  order?: { direction: 'asc' | 'desc'; limit: number };
  total: boolean;
  list: boolean;
  /** A view named by the question: its keys and every measure named (or all of its list columns when none is). */
  columns?: string[];
}

/** Every phrase the gold views know (their words are vocabulary: "lose to fraud" is not a typo of "love"). */
export const goldPhrases = (): string[] =>
  VIEWS.flatMap((v) => [
    ...v.rowWords,
    ...(v.namedBy ?? []),
    ...v.measures.flatMap((m) => m.phrases),
    ...v.flags.flatMap((f) => f.phrases),
    ...Object.values(v.dims ?? {}).flat(),
  ]);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const find = (text: string, phrases: string[]) =>
  [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => new RegExp(`\\b${esc(p)}\\b`).exec(text))
    .find((m) => m !== null) ?? undefined;
const cut = (text: string, m: RegExpExecArray) =>
  `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();

/**
 * Reads a question as one about a gold view when it names one of the views' own measures
 * ("potential recovery value", "net settled value", "active alerts"); returns the plan and the
 * words left over (the caller checks them like any question's).
 */
export function planGold(
  text: string,
  order: { direction: 'asc' | 'desc'; limit: number } | undefined,
  layer: SemanticLayer,
  windowDays?: number,
): { plan: GoldPlan; rest: string } | undefined {
  for (const view of VIEWS) {
    if (view.namedBy) {
      const named = planNamed(view, text, order, layer, windowDays);
      if (named) return named;
      continue;
    }
    let rest = text;
    const flags: string[] = [];
    for (const f of view.flags) {
      const m = find(rest, f.phrases);
      if (m) {
        flags.push(f.id);
        rest = cut(rest, m);
      }
    }
    const values: GoldPlan['values'] = [];
    for (const v of layer.values) {
      const column = view.keys.includes(v.dimension) ? v.dimension : view.valueColumns?.[v.dimension];
      const m = column && !values.some((x) => x.column === column) ? find(rest, v.phrases) : undefined;
      if (column && m) {
        values.push({ column, value: v.value });
        rest = cut(rest, m);
      }
    }
    let measure: GoldMeasure | undefined;
    for (const g of view.measures) {
      const m = find(rest, g.phrases);
      if (
        !m ||
        g.companion ||
        (g.allTime && windowDays !== undefined) ||
        (g.needsKey && values.length === 0 && !Object.values(view.dims ?? {}).some((phrases) => find(rest, phrases))) ||
        (g.needs && !values.some((v) => v.column === g.needs) && !/\breasons?\b/.test(rest))
      )
        continue;
      measure = g;
      rest = cut(rest, m);
      // The same measure said twice ("biggest recovery opportunity … by potential value") is one measure.
      for (let again = find(rest, g.phrases); again; again = find(rest, g.phrases)) rest = cut(rest, again);
      break;
    }
    // "any fraud spikes being flagged?", "which processors are degraded": a flag that names the rows counts or lists them.
    if (!measure && flags.some((id) => view.flags.find((f) => f.id === id)?.alone)) measure = view.measures.find((g) => g.agg === 'count');
    if (!measure) continue;
    // A one-row view has no breakdown: "recovered value by retry attempt" is read from the transactions.
    if (view.keys.length === 0 && /\b(by|per|each|across)\b/.test(rest)) continue;
    const also: string[] = [];
    for (const g of view.keys.length === 0 ? view.measures : []) {
      const m = g === measure ? undefined : find(rest, g.phrases);
      if (m) {
        also.push(g.id);
        rest = cut(rest, m);
      }
    }
    // "how many retries, how many succeeded and how much value they won back": a measure the one-row view lacks is read
    // with the others from the transactions.
    if (
      view.keys.length === 0 &&
      layer.measures.some((m) =>
        find(
          rest,
          m.phrases.filter((ph) => ph !== 'how much'),
        ),
      )
    )
      continue;
    let groupBy: string | undefined;
    const by: string[] = [];
    for (const [column, phrases] of Object.entries(view.dims ?? {})) {
      const m = find(rest, phrases);
      if (m) {
        groupBy = column;
        by.push(column);
        rest = cut(rest, m);
      }
    }
    const row = find(rest, view.rowWords);
    if (row) rest = cut(rest, row);
    const total = /\b(total|in total|sum|altogether|combined|across all)\b/.test(rest);
    // "which …", "list …", and a yes/no question ("any active alerts?", "are there open alerts") list the rows themselves.
    // So does the bare name of the rows ("open alerts?", "critical alerts only"): nothing asks to count them.
    const bare = rest.split(' ').every((w) => !w || /^(only|just|now|right|currently|today|please|the|any|all|our|list|show)$/.test(w));
    const list =
      (bare ||
        /^(which|what|list|show|display|give me|any|anything|are there|is there|is anything|is something|are any|do we have|do we see|got any|have we got|has anything)\b/.test(
          rest,
        )) &&
      !/\b(how many|number of|count|total)\b/.test(text);
    const plan: GoldPlan = { view: view.view, measure: measure.id, flags, values, groupBy, order, total, list };
    if (also.length > 0) plan.also = also;
    // One key named alone ("which decline reason has the most …") sums over the others; two or more name combinations.
    if (measure.agg !== 'count' && by.length === 1 && view.keys.length > 1) plan.by = by;
    return { plan, rest };
  }
  return undefined;
}

/** A question that asks for one choice among a view's rows: "which processor should we route to", "recommended processor". */
const RECOMMEND =
  /\b(?:should (?:we|i)|recommend\w*|suggest\w*|advise\w*|which (?:one|processor|acquirer|route)\b(?! \w+s\b)|best (?:processor|acquirer|route|option|choice))/;

/** Country values are the issuer's in a view keyed by issuer country only ("Visa cards issued in Mexico"). */
function valuesOf(view: GoldView, text: string, layer: SemanticLayer): { values: GoldPlan['values']; rest: string } {
  let rest = text;
  const values: GoldPlan['values'] = [];
  const issuerOnly = view.keys.includes('issuer_country') && !view.keys.includes('merchant_country');
  for (const v of layer.values) {
    const column = v.country && issuerOnly ? 'issuer_country' : v.dimension;
    if (!view.keys.includes(column) || values.some((x) => x.column === column)) continue;
    const m = find(rest, v.phrases);
    if (m) {
      values.push({ column, value: v.value });
      rest = cut(rest, m);
    }
  }
  return { values, rest };
}

/**
 * A view the question names ("executive KPI snapshot", "routing performance", "daily error rate"): every measure of it
 * the question names, or its list columns; only over the window the view covers.
 */
function planNamed(
  view: GoldView,
  text: string,
  order: { direction: 'asc' | 'desc'; limit: number } | undefined,
  layer: SemanticLayer,
  windowDays: number | undefined,
): { plan: GoldPlan; rest: string } | undefined {
  const name = find(text, view.namedBy ?? []);
  if (!name) return undefined;
  if ((view.notAfter ?? []).some((w) => text.slice(0, name.index).trimEnd().endsWith(w))) return undefined;
  if (windowDays !== undefined) {
    if (view.windowDays === undefined) return undefined;
    if (view.windowExact ? windowDays !== view.windowDays : windowDays > view.windowDays) return undefined;
  }
  // The name may itself be a measure ("error rate"): measures are read first, then what is left of the name goes.
  const found = valuesOf(view, text, layer);
  let rest = found.rest;
  const named: GoldMeasure[] = [];
  for (const g of view.measures) {
    const m = find(rest, g.phrases);
    if (m) {
      named.push(g);
      rest = cut(rest, m);
    }
  }
  const left = find(rest, view.namedBy ?? []);
  if (left) rest = cut(rest, left);
  for (const w of [...view.rowWords].sort((a, b) => b.length - a.length)) {
    const m = find(rest, [w]);
    if (m) rest = cut(rest, m);
  }
  // A ranking with no measure named ("best processor to route Visa to") ranks by the view's first measure.
  const measure = named[0] ?? view.measures[0];
  if (!measure) return undefined;
  // "which processor should we route to", "recommend a processor": a recommendation is the top row by that measure.
  if (!order && view.keys.length > 0 && RECOMMEND.test(text)) order = { direction: 'desc', limit: 1 };
  const keys = view.keys.filter((k) => !found.values.some((v) => v.column === k));
  const columns =
    named.length > 0
      ? [...keys, ...named.map((g) => g.column)]
      : (view.listColumns ?? [...view.keys, ...view.measures.map((g) => g.column)]);
  const plan: GoldPlan = {
    view: view.view,
    measure: measure.id,
    flags: [],
    values: found.values,
    order,
    total: false,
    list: false,
    columns,
  };
  return { plan, rest };
}

/** The SQL for a gold plan, its dimension columns and its measure (for the chart and the sentence). */
export function goldSql(plan: GoldPlan): { sql: string; dimensionColumns: string[]; measures: Measure[] } {
  const view = VIEWS.find((v) => v.view === plan.view);
  const g = view?.measures.find((m) => m.id === plan.measure);
  if (!view || !g) throw new Error(`No gold measure ${plan.view}.${plan.measure}.`);
  const measure: Measure = { id: g.id, label: g.label, sql: g.column, format: g.format, phrases: [] };
  const where = [
    ...plan.flags.map((id) => view.flags.find((f) => f.id === id)?.sql ?? 'FALSE'),
    ...plan.values.map((v) => `${v.column} = ${quoteLiteral(v.value)}`),
  ];
  const whereSql = where.length ? `\nWHERE ${where.join(' AND ')}` : '';
  const shown = plan.flags.map((id) => view.flags.find((f) => f.id === id)?.shows).find(Boolean);
  const name = quoteIdentIfNeeded(g.id);
  if (plan.columns) {
    // A ranking shows the measure it ranks by first after the keys ("ProcessorB has the highest approval rate").
    const columns = plan.order
      ? [
          ...plan.columns.filter((c) => view.keys.includes(c)),
          g.column,
          ...plan.columns.filter((c) => !view.keys.includes(c) && c !== g.column),
        ]
      : plan.columns;
    // In the order of the columns, so the sentence names each number by its own column.
    const shownMeasures = columns.flatMap((c) => view.measures.filter((m) => m.column === c));
    const orderBy = plan.order
      ? `\nORDER BY ${g.column} ${plan.order.direction === 'asc' ? 'ASC' : 'DESC'}${view.keys.length ? `, ${view.keys.join(', ')}` : ''}\nLIMIT ${plan.order.limit}`
      : view.keys.length
        ? `\nORDER BY ${view.keys.join(', ')}`
        : '';
    return {
      sql: `SELECT ${columns.join(', ')}\nFROM ${view.view}${whereSql}${orderBy}`,
      dimensionColumns: columns.filter((c) => view.keys.includes(c)),
      measures: shownMeasures.map((m): Measure => ({ id: m.column, label: m.label, sql: m.column, format: m.format, phrases: [] })),
    };
  }
  if (g.agg === 'count') {
    if (plan.list && !plan.groupBy)
      return {
        sql: `SELECT ${shown ?? (view.listColumns ?? view.keys).join(', ')}\nFROM ${view.view}${whereSql}`,
        dimensionColumns: [],
        measures: [],
      };
    if (plan.groupBy) {
      return {
        sql: `SELECT ${plan.groupBy}, count(*) AS ${name}\nFROM ${view.view}${whereSql}\nGROUP BY ${plan.groupBy}\nORDER BY ${name} DESC`,
        dimensionColumns: [plan.groupBy],
        measures: [measure],
      };
    }
    return { sql: `SELECT count(*) AS ${name}\nFROM ${view.view}${whereSql}`, dimensionColumns: [], measures: [measure] };
  }
  if (view.keys.length === 0) {
    const all = [g, ...(plan.also ?? []).map((id) => view.measures.find((m) => m.id === id)).filter((m) => m !== undefined)];
    const shown = all.map((m) => `${m.column} AS ${quoteIdentIfNeeded(m.id)}`).join(', ');
    const measures = all.map((m): Measure => ({ id: m.id, label: m.label, sql: m.column, format: m.format, phrases: [] }));
    return { sql: `SELECT ${shown}\nFROM ${view.view}`, dimensionColumns: [], measures };
  }
  // A rate of the view's counts is recomputed from the counts of the rows it covers, never averaged.
  const summed = g.agg === 'ratio' ? `round(100.0 * sum(${g.num}) / nullif(sum(${g.den}), 0), 2)` : `round(sum(${g.column}), 2)`;
  if (g.agg === 'ratio' && !plan.by && !plan.order)
    return { sql: `SELECT ${summed} AS ${name}\nFROM ${view.view}${whereSql}`, dimensionColumns: [], measures: [measure] };
  if (plan.by) {
    // Summed over the keys the question does not name.
    const direction = plan.order?.direction === 'asc' ? 'ASC' : 'DESC';
    return {
      sql:
        `SELECT ${plan.by.join(', ')}, ${summed} AS ${name}\nFROM ${view.view}${whereSql}\nGROUP BY ${plan.by.join(', ')}\n` +
        `ORDER BY ${name} ${direction}, ${plan.by.join(', ')}${plan.order ? `\nLIMIT ${plan.order.limit}` : ''}`,
      dimensionColumns: plan.by,
      measures: [measure],
    };
  }
  if (plan.total && !plan.order) {
    return { sql: `SELECT round(sum(${g.column}), 2) AS ${name}\nFROM ${view.view}${whereSql}`, dimensionColumns: [], measures: [measure] };
  }
  const keys = view.keys.filter((k) => !plan.values.some((v) => v.column === k) || view.keys.length === 1);
  const direction = plan.order?.direction === 'asc' ? 'ASC' : 'DESC';
  const limit = plan.order ? `\nLIMIT ${plan.order.limit}` : '';
  return {
    sql:
      `SELECT ${[...keys, `${g.column}${g.column === g.id ? '' : ` AS ${name}`}`].join(', ')}\nFROM ${view.view}${whereSql}\n` +
      `ORDER BY ${name} ${direction}${limit}`,
    dimensionColumns: keys,
    measures: [measure],
  };
}
