import goldJson from './gold-views.json';
import type { Measure, SemanticLayer } from './semantic-layer';
import { quoteIdentIfNeeded, quoteLiteral } from '../../shared/sql/quote';

interface GoldMeasure {
  id: string;
  column: string;
  agg?: 'count';
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
  order?: { direction: 'asc' | 'desc'; limit: number };
  total: boolean;
  list: boolean;
}

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
): { plan: GoldPlan; rest: string } | undefined {
  for (const view of VIEWS) {
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
    for (const v of layer.values.filter((x) => view.keys.includes(x.dimension))) {
      const m = find(rest, v.phrases);
      if (m) {
        values.push({ column: v.dimension, value: v.value });
        rest = cut(rest, m);
      }
    }
    let measure: GoldMeasure | undefined;
    for (const g of view.measures) {
      const m = find(rest, g.phrases);
      if (!m || g.companion || (g.needs && !values.some((v) => v.column === g.needs) && !/\breasons?\b/.test(rest))) continue;
      measure = g;
      rest = cut(rest, m);
      break;
    }
    if (!measure) continue;
    const also: string[] = [];
    for (const g of view.keys.length === 0 ? view.measures : []) {
      const m = g === measure ? undefined : find(rest, g.phrases);
      if (m) {
        also.push(g.id);
        rest = cut(rest, m);
      }
    }
    let groupBy: string | undefined;
    for (const [column, phrases] of Object.entries(view.dims ?? {})) {
      const m = find(rest, phrases);
      if (m) {
        groupBy = column;
        rest = cut(rest, m);
      }
    }
    const row = find(rest, view.rowWords);
    if (row) rest = cut(rest, row);
    const total = /\b(total|in total|sum|altogether|combined|across all)\b/.test(rest);
    // "which …", "list …", and a yes/no question ("any active alerts?", "are there open alerts") list the rows themselves.
    const list =
      /^(which|what|list|show|display|give me|any|are there|is there|do we have|do we see|got any)\b/.test(rest) &&
      !/\bhow many\b/.test(text);
    const plan: GoldPlan = { view: view.view, measure: measure.id, flags, values, groupBy, order, total, list };
    if (also.length > 0) plan.also = also;
    return { plan, rest };
  }
  return undefined;
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
