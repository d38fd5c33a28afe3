import type { Intent } from './intent';
import { normalise, type SemanticLayer } from './semantic-layer';

/** Edit distance, for "did you mean" on misspelt words. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

/** Phrases of the layer that look like a misspelling of `word` ("aproval" → "approval rate"). */
export function closePhrases(word: string, layer: SemanticLayer): string[] {
  if (word.length < 4) return [];
  const pool = [...layer.measures, ...layer.dimensions, ...layer.flags].flatMap((x) =>
    x.phrases.map((p) => ({ p, first: normalise(p).split(' ')[0] ?? '' })),
  );
  const close = pool.filter(({ first }) => first.length >= 4 && distance(word, first) <= Math.max(1, Math.floor(word.length / 4)));
  return [...new Set(close.map(({ p }) => p))].slice(0, 3);
}

/** Close questions the engine can answer, built from what it did understand. */
export function suggestQuestions(partial: Partial<Intent>, unknown: string[], layer: SemanticLayer): string[] {
  const out: string[] = [];
  const measure = layer.measures.find((m) => m.id === partial.measures?.[0]);
  const dim = layer.dimensions.find((d) => d.id === partial.groupBy?.[0]);
  for (const word of unknown) {
    for (const phrase of closePhrases(word, layer)) {
      const m = layer.measures.find((x) => x.phrases.includes(phrase));
      if (m) out.push(`${m.label} by card network`);
      const d = layer.dimensions.find((x) => x.phrases.includes(phrase));
      if (d) out.push(`${measure?.label ?? 'approval rate'} by ${d.label}`);
    }
  }
  if (measure && !dim)
    out.push(`${measure.label} by card network`, `${measure.label} by merchant segment`, `daily ${measure.label} for the last 7 days`);
  if (dim && !measure) out.push(`approval rate by ${dim.label}`, `number of transactions per ${dim.label}`);
  if (measure && dim) out.push(`${measure.label} by ${dim.label}`);
  for (const s of layer.samples) if (out.length < 4) out.push(s);
  return [...new Set(out)].slice(0, 4);
}
