import { AGG_WORDS, DISTINCT_WORDS, GRAMMAR_WORDS, NEGATIONS, RATE_WORDS } from './grammar';
import { goldPhrases } from './gold-views';
import { FILLERS, layerVocabulary } from './lexicon';
import { NUMERIC_COLUMNS } from './measures';
import { buildPhraseIndex, normalise, type PhraseEntry, type SemanticLayer, type ValueSynonym } from './semantic-layer';

/** A matched piece of the question, and whether "of"/"among" came right before it (a population, not a measure). */
export type Piece =
  | PhraseEntry['target']
  | { kind: 'agg'; fn: string }
  | { kind: 'column'; column: string }
  | { kind: 'distinct' }
  | { kind: 'rateword' }
  | { kind: 'negation' };
export interface Match {
  piece: Piece;
  afterOf: boolean;
  start: number;
  words?: string[];
}

const GRAMMAR_INDEX = (() => {
  const out: PhraseEntry[] = [];
  const add = (phrases: string[], piece: Piece) => {
    for (const p of phrases) out.push({ tokens: normalise(p).split(' '), target: piece as PhraseEntry['target'] });
  };
  for (const [w, fn] of Object.entries(AGG_WORDS)) add([w], { kind: 'agg', fn });
  for (const c of NUMERIC_COLUMNS) add(c.phrases, { kind: 'column', column: c.column });
  add(DISTINCT_WORDS, { kind: 'distinct' });
  add(RATE_WORDS, { kind: 'rateword' });
  add(NEGATIONS, { kind: 'negation' });
  add(['other than'], { kind: 'negation' });
  return out;
})();

const indexCache = new WeakMap<SemanticLayer, { key: string; index: Map<string, PhraseEntry[]>; vocabulary: Set<string> }>();

/** The layer's phrase index plus the grammar's words and the data's own values (merchant names), built once per layer and value list. */
export function indexFor(layer: SemanticLayer, extraValues: ValueSynonym[]) {
  const key = extraValues.map((v) => v.value).join('|');
  const cached = indexCache.get(layer);
  if (cached && cached.key === key) return cached;
  const index = buildPhraseIndex({ ...layer, values: [...layer.values, ...extraValues] });
  for (const e of GRAMMAR_INDEX) {
    const list = index.get(e.tokens[0] ?? '') ?? [];
    list.push(e);
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    index.set(e.tokens[0] ?? '', list);
  }
  const vocabulary = layerVocabulary(layer, GRAMMAR_WORDS, [...extraValues.flatMap((v) => v.phrases), ...goldPhrases()]);
  const built = { key, index, vocabulary };
  indexCache.set(layer, built);
  return built;
}

/** Every word the parser knows for this layer and value list (a word of a longer phrase said alone counts). */
export function questionVocabulary(layer: SemanticLayer, extraValues: ValueSynonym[] = []): Set<string> {
  return indexFor(layer, extraValues).vocabulary;
}

/** The question's words matched to the longest known phrases, and the words no phrase holds. */
export function matchPieces(text: string, index: Map<string, PhraseEntry[]>, listed = false): { matches: Match[]; unknown: string[] } {
  const tokens = text.split(' ').filter(Boolean);
  const matches: Match[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const candidates = index.get(tokens[i] ?? '') ?? [];
    const hit = candidates.find((c) => c.tokens.every((t, k) => tokens[i + k] === t));
    if (hit) {
      matches.push({
        piece: hit.target as Piece,
        // "compare Brazil and Mexico on volume and approval rate": after "compare … on" come the measures compared.
        // "which reason costs the most in declined value": the measure ranked, not a population.
        afterOf:
          (/^(of|among|for|in)$/.test(tokens[i - 1] ?? '') && !(tokens[i - 1] === 'in' && /^(the|terms)$/.test(tokens[i - 2] ?? ''))) ||
          (tokens[i - 1] === 'on' &&
            !tokens.slice(0, i).some((t) => /^(compare|compared|comparing|comparison|stack|rank|ranked|vs|versus|against)$/.test(t))) ||
          // "number of payments, approved value": right after another piece, a list member, not the population.
          (tokens[i - 2] === 'of' && !(listed && matches.some((p) => p.start + (p.words?.length ?? 1) === i))),
        start: i,
        words: hit.tokens,
      });
      i += hit.tokens.length;
      continue;
    }
    const word = tokens[i] ?? '';
    const p = /^p(\d{1,3})$/.exec(word);
    if (p) matches.push({ piece: { kind: 'agg', fn: `q${p[1]}` }, afterOf: false, start: i });
    else if (!FILLERS.has(word) && !/^\d+(\.\d+)?$/.test(word)) unknown.push(word);
    i += 1;
  }
  return { matches, unknown };
}
