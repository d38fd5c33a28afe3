import { FILLERS, layerPhraseList } from './lexicon';
import { NUMERIC_COLUMNS } from './measures';
import { normalise, type SemanticLayer } from './semantic-layer';

/**
 * Framing: the words around a question that say why it is asked, not what is asked ("For the board deck:",
 * "I'm prepping the QBR for", "… for the month-end pack"). A framing clause names no measure, dimension, value,
 * number or period; it is cut off before parsing and the answer says which words it read past. A clause that
 * names anything the data holds is never framing, and a clause that is not in a framing position (an opener at
 * the start ending at a clause boundary or a request, or a purpose clause at the end) stays part of the question.
 */

/** Words that open a framing clause at the start of a question. */
const OPENERS =
  /^(?:for|re|regarding|ahead of|before|as part of|context|background|fyi|quick (?:one|q|question)|hi|hey|hello|so|ok|okay|(?:i|we)(?:'m|’m| am|'re|’re| are|'ve|’ve| have)?|im|my|our)$/i;

/** Words after which the question itself starts: a request, or a question word. */
const REQUESTS = new Set(
  (
    'need needs needed want wants wanted like love can could would please pls kindly give show send get pull share ' +
    'what whats which how who where when is are does do did'
  ).split(' '),
);

/** A pronoun-and-verb opener ("I'm prepping", "we are building"): its clause may end at "for" before the subject. */
const PERSONAL = /^(?:i|we)(?:['’](?:m|re|ve|d))?$|^(?:im|my|our)$/i;
const CLAUSE_END_PREPOSITIONS = /^(?:for|on|about|covering|regarding|around|re)$/i;

/** Determiners that start a purpose clause at the end ("… for the board deck"). */
const PURPOSE_DETERMINERS = /^(?:the|our|my|a|an|this|next|tomorrow's|tomorrow’s|monday's|friday's)$/i;

interface Token {
  raw: string;
  /** A clause boundary: , : ; — – ( ) . ! ? or a spaced hyphen. */
  boundary: boolean;
  start: number;
  end: number;
}

function tokenise(question: string): Token[] {
  const out: Token[] = [];
  for (const m of question.matchAll(/[A-Za-z0-9$][\w$'’.-]*[\w$]|[A-Za-z0-9$]|[:;,—–()!?]|\s-\s|\.(?=\s|$)/g)) {
    const raw = m[0].trim();
    out.push({ raw, boundary: !/^[A-Za-z0-9$]/.test(raw), start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

interface Phrases {
  all: Set<string>;
  /** For each word of a layer phrase, the phrases (as word lists) that hold it. */
  byWord: Map<string, string[][]>;
}
const phraseCache = new WeakMap<SemanticLayer, Phrases>();

/** Every phrase of the layer, normalised: a word is content only where its whole phrase is said ("model" alone is not "fraud model score"). */
function layerPhrases(layer: SemanticLayer): Phrases {
  const cached = phraseCache.get(layer);
  if (cached) return cached;
  const list = [...layerPhraseList(layer), ...NUMERIC_COLUMNS.flatMap((c) => c.phrases)].map((p) => normalise(p));
  const byWord = new Map<string, string[][]>();
  for (const p of list) {
    const words = p.split(' ');
    for (const w of new Set(words)) byWord.set(w, [...(byWord.get(w) ?? []), words]);
  }
  const built = { all: new Set(list), byWord };
  phraseCache.set(layer, built);
  return built;
}

/** Whether some layer phrase holding the word at `index` is said whole around it. */
function phraseSaid(words: string[], index: number, phrases: Phrases): boolean {
  const word = words[index] ?? '';
  for (const p of phrases.byWord.get(word) ?? []) {
    for (let k = 0; k < p.length; k++) {
      if (p[k] !== word) continue;
      if (p.every((w, j) => words[index - k + j] === w)) return true;
    }
  }
  return false;
}

/** Whether a word names something the data holds or the question needs: a layer phrase, a name, a number, a period. */
function isContent(token: Token, index: number, tokens: Token[], vocabulary: Set<string>, layer: SemanticLayer): boolean {
  const raw = token.raw.replace(/['’]s$/, '');
  if (/\d|\$/.test(raw)) return true;
  const word = normalise(raw);
  const phrases = layerPhrases(layer);
  const parts = word.split(' ').filter(Boolean);
  if (parts.length > 1) {
    // "cross-border" names a flag; "smart-retry" or "month-end" is a compound the layer does not know.
    if ([...phrases.all].some((p) => ` ${p} `.includes(` ${word} `))) return true;
    return parts.every((p) => vocabulary.has(p) && !FILLERS.has(p));
  }
  if (/^I(?:$|['’])/.test(raw)) return false;
  // A name inside the sentence ("Rio Stays 2", "Visa", "Japan"); an acronym after "the"/"our" names a document ("the QBR").
  const afterDeterminer = /^(?:the|our|my|this|a|an)$/i.test(tokens[index - 1]?.raw ?? '');
  if (index > 0 && /^[A-Z]/.test(raw) && !(afterDeterminer && /^[A-Z]{2,6}s?$/.test(raw))) return true;
  if (/^[A-Z][a-z]+[A-Z]/.test(raw)) return true;
  if (!vocabulary.has(word) || FILLERS.has(word)) return false;
  if (!phrases.byWord.has(word)) return true;
  const words = tokens.map((t) => (t.boundary ? '' : normalise(t.raw)));
  return phraseSaid(words, index, phrases);
}

/**
 * A question after a sentence of context ("Lumen Eats 5 opened a ticket saying their Mastercard payments keep failing since
 * Monday. How many declines have they had, by reason?"): "they" is the context, so what the context names that the data
 * holds (a merchant of the data, a layer phrase said whole, a period) is carried into the question, and the rest is read past.
 */
const CONTEXT_TIME = /^(?:today|yesterday|since|this|last|week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)$/;

function contextSentence(question: string, layer: SemanticLayer, names: string[]): Framing | undefined {
  const parts = question.trim().split(/(?<=[.!])\s+(?=[A-Z])/);
  const last = parts.at(-1) ?? '';
  if (parts.length < 2 || !/\b(?:they|their|them|theirs)\b/i.test(last)) return undefined;
  const context = parts.slice(0, -1).join(' ');
  const tokens = tokenise(context);
  const kept: string[] = [];
  const ignored: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.boundary) continue;
    // The data's own names, longest first ("Lumen Eats 5").
    const rest = context.slice(t.start).toLowerCase();
    const name = names.find((n) => rest.startsWith(n) && !/[a-z0-9]/.test(rest.charAt(n.length)));
    if (name) {
      kept.push(context.slice(t.start, t.start + name.length));
      while (i + 1 < tokens.length && (tokens[i + 1] as Token).end <= t.start + name.length) i += 1;
      continue;
    }
    // Only what narrows the rows: a value of the layer said whole ("Mastercard") or a period ("today", "since Monday").
    const word = normalise(t.raw);
    const period = word in layer.timeWords || CONTEXT_TIME.test(word);
    const value = layer.values.some((v) => v.phrases.some((p) => normalise(p) === word));
    if (period || value) kept.push(t.raw);
    else if (!FILLERS.has(word)) ignored.push(word);
  }
  if (kept.length === 0) return undefined;
  return { question: `${kept.join(' ')}: ${last}`, ignored };
}

export interface Framing {
  /** The question without its framing clauses. */
  question: string;
  /** The words read past, as typed (lower-cased). */
  ignored: string[];
}

/** Cuts framing clauses off a question; returns it unchanged when it has none. */
export function stripFraming(question: string, vocabulary: Set<string>, layer: SemanticLayer, names: string[] = []): Framing {
  const ignored: string[] = [];
  const context = contextSentence(question, layer, names);
  if (context) ignored.push(...context.ignored);
  let text = context?.question ?? question;
  const lead = leadingClause(text, vocabulary, layer);
  if (lead) {
    ignored.push(...lead.words);
    text = text.slice(lead.cut).trim();
  }
  const tail = purposeClause(text, vocabulary, layer);
  if (tail) {
    ignored.push(...tail.words);
    text = text.slice(0, tail.cut).trim();
  }
  return { question: text, ignored };
}

/** The words of a clause that are not fillers, when one of them is unknown to the layer (else nothing to read past). */
function unknownOf(run: Token[], vocabulary: Set<string>): string[] {
  const words = run.map((t) => normalise(t.raw.replace(/['’]s$/, ''))).filter((w) => w && !FILLERS.has(w));
  return words.some((w) => !w.split(' ').every((p) => vocabulary.has(p))) ? words : [];
}

function leadingClause(question: string, vocabulary: Set<string>, layer: SemanticLayer): { cut: number; words: string[] } | undefined {
  const tokens = tokenise(question);
  const first = tokens[0]?.raw ?? '';
  const two = `${first} ${tokens[1]?.raw ?? ''}`;
  const openerLength = OPENERS.test(two) ? 2 : OPENERS.test(first) ? 1 : 0;
  if (openerLength === 0) return undefined;
  let i = openerLength;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (t.boundary || REQUESTS.has(t.raw.toLowerCase()) || isContent(t, i, tokens, vocabulary, layer)) break;
    i += 1;
  }
  const stop = tokens[i];
  if (!stop || i === openerLength) return undefined;
  const run = tokens.slice(0, i);
  const words = unknownOf(run, vocabulary);
  if (words.length === 0) return undefined;
  // "For the board deck: …", "For the month-end pack I need …": the clause ends at a boundary or a request.
  if (stop.boundary) return { cut: stop.end, words };
  if (REQUESTS.has(stop.raw.toLowerCase())) return { cut: stop.start, words };
  // "I'm prepping the QBR for Travel merchants": a personal clause ends at the preposition before the subject.
  const last = run.at(-1)?.raw ?? '';
  if (PERSONAL.test(first) && CLAUSE_END_PREPOSITIONS.test(last) && run.length > 2) return { cut: stop.start, words };
  return undefined;
}

/** "… by segment for the board deck", "…, for my manager": a purpose clause at the end naming nothing the data holds. */
function purposeClause(question: string, vocabulary: Set<string>, layer: SemanticLayer): { cut: number; words: string[] } | undefined {
  const tokens = tokenise(question);
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]?.boundary) end -= 1;
  for (let s = end - 2; s >= 1; s--) {
    const t = tokens[s] as Token;
    if (t.boundary) return undefined;
    if (!/^for$/i.test(t.raw) || !PURPOSE_DETERMINERS.test(tokens[s + 1]?.raw ?? '')) continue;
    const run = tokens.slice(s + 2, end);
    if (run.length === 0 || run.some((r, k) => r.boundary || isContent(r, s + 2 + k, tokens, vocabulary, layer))) return undefined;
    const words = unknownOf(run, vocabulary);
    // A plural head is a population the data might hold ("for the refunds"), not a document or an audience.
    const head = normalise(run.at(-1)?.raw ?? '');
    if (words.length === 0 || /(?<!s)s$/.test(head)) return undefined;
    const before = tokens[s - 1];
    return { cut: before?.boundary ? before.start : t.start, words };
  }
  return undefined;
}
