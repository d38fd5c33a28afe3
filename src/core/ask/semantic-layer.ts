import layerJson from './semantic-layer.json';

/** A number the engine can compute; `sql` holds `{where}` where a per-measure FILTER goes. */
export interface Measure {
  id: string;
  label: string;
  sql: string;
  /** The Databricks SQL form when `sql` uses a DuckDB-only function (a warehouse runs this one). */
  databricksSql?: string;
  filter?: string;
  format: 'count' | 'pct' | 'money' | 'number' | 'ms';
  higherIsBetter?: boolean;
  phrases: string[];
}

/** Several measures asked for with one word ("performance"). */
export interface Composite {
  id: string;
  label: string;
  measures: string[];
  phrases: string[];
  /** The rows the measures are about ("retry economics": retries), a flag id. */
  flag?: string;
}

/** Something to group by: a column (or expression with an alias) of the silver table. */
export interface Dimension {
  id: string;
  column: string;
  alias?: string;
  groupBy?: string[];
  /** The select-list expression when it is not the column itself (must alias to `column`). */
  select?: string;
  label: string;
  time?: boolean;
  impliesMeasure?: string;
  phrases: string[];
}

/** A word that means "dimension = value" (Brazil → merchant_country = 'BR'). */
export interface ValueSynonym {
  dimension: string;
  value: string;
  country?: boolean;
  phrases: string[];
}

/** A word that means a boolean condition (domestic → NOT is_cross_border). */
export interface Flag {
  id: string;
  sql: string;
  label: string;
  phrases: string[];
}

/** A whole question answered by one fixed query over a gold view. */
export interface Special {
  id: string;
  label: string;
  phrases: string[];
  sql: string;
  period: string;
  chart: 'bar' | 'table' | 'line' | 'counter';
}

export interface TimeWord {
  kind: 'days' | 'hours' | 'yesterday' | 'this_week' | 'this_month' | 'last_month' | 'this_quarter' | 'last_quarter' | 'this_year' | 'all';
  n?: number;
  label: string;
}

/** The whole semantic layer, loaded from semantic-layer.json. */
export interface SemanticLayer {
  table: string;
  dateColumn: string;
  timestampColumn: string;
  measures: Measure[];
  composites: Composite[];
  dimensions: Dimension[];
  values: ValueSynonym[];
  flags: Flag[];
  issuerMarkers: string[];
  merchantMarkers: string[];
  specials: Special[];
  timeWords: Record<string, TimeWord>;
  samples: string[];
  columnMeanings: Record<string, string>;
  conventions: string[];
}

export const semanticLayer = layerJson as unknown as SemanticLayer;

export type PhraseTarget =
  | { kind: 'measure'; measure: Measure }
  | { kind: 'composite'; composite: Composite }
  | { kind: 'dimension'; dimension: Dimension }
  | { kind: 'value'; value: ValueSynonym }
  | { kind: 'flag'; flag: Flag }
  | { kind: 'special'; special: Special }
  | { kind: 'issuer' }
  | { kind: 'merchant' };

export interface PhraseEntry {
  tokens: string[];
  target: PhraseTarget;
}

/** Lower case, hyphens and punctuation to spaces, apostrophes dropped: "What's high-risk?" → "whats high risk". */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9_.\s-]/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/(?<!\d)-|-(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every phrase of the layer as tokens, longest first, so "approval rate" wins over
 * "approval" and "cross border vs domestic" over "cross border".
 */
export function buildPhraseIndex(layer: SemanticLayer): Map<string, PhraseEntry[]> {
  const entries: PhraseEntry[] = [];
  const add = (phrases: string[], target: PhraseTarget) => {
    for (const p of phrases) entries.push({ tokens: normalise(p).split(' '), target });
  };
  for (const m of layer.measures) add(m.phrases, { kind: 'measure', measure: m });
  for (const c of layer.composites) add(c.phrases, { kind: 'composite', composite: c });
  for (const d of layer.dimensions) add(d.phrases, { kind: 'dimension', dimension: d });
  for (const v of layer.values) add(v.phrases, { kind: 'value', value: v });
  for (const f of layer.flags) add(f.phrases, { kind: 'flag', flag: f });
  for (const s of layer.specials) add(s.phrases, { kind: 'special', special: s });
  add(layer.issuerMarkers, { kind: 'issuer' });
  add(layer.merchantMarkers, { kind: 'merchant' });
  const byFirst = new Map<string, PhraseEntry[]>();
  for (const e of entries) {
    const first = e.tokens[0] ?? '';
    const list = byFirst.get(first) ?? [];
    list.push(e);
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return byFirst;
}
