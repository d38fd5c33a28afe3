import { normalise, type SemanticLayer } from './semantic-layer';

/**
 * Words that carry no meaning of their own in a question about the data: articles, pronouns,
 * auxiliaries, verbs of processing and asking, politeness. They never cause a refusal.
 */
export const FILLERS = new Set(
  (
    'a an the of for in on at by per to from with and or vs versus compare comparison compared comparing against between is are was were be been being ' +
    'what whats which show me us give list tell see get got display find how much our my we i you your it its their there this that these those ' +
    'do does did doing done have has had please can could would will should each all every any across split break down broken out grouped group ' +
    'over during within total overall current currently now so far than more most top bottom highest lowest best worst number ' +
    'when where happening happened happen happens going go goes went looks look like just only also same instead then about whose ' +
    'biggest largest smallest least fewest greatest lead leading ranked rank ranking order sorted sort who s use used using uses made ' +
    'process processed processing came come comes coming still see seen saw make makes run ran running handle handled book booked ' +
    'record recorded register registered receive received take took taken pass passed through via routed route turned turn end ended ' +
    'kindly pls thanks thank hey hi hello ok okay quick quickly roughly approximately approx about around exactly really actually ' +
    'figure figures metric metrics stat number numbers count amounts breakdown view report overview value of so far yet whole entire ' +
    'appear appears appeared occur occurred there s let lets know want need like would love curious wondering wonder ' +
    'vs. v versus compared contrast relative side both either them they one ones those versus how s doing been based ' +
    'today s every single bunch lot lots many some much times time up down did does difference differ ' +
    'cards card among amongst but switch swap transact transacted buy bought sell sold send sends sent took takes data dataset later ' +
    'bigger higher smaller lower greater larger faster slower longer shorter mix contribute contributes breakdown distribution ' +
    'after active currently recover recovered there due because caused owing change changed changes points pp growth ' +
    'those them these that ones activity traffic give gives accounts account second third first ' +
    'push pushed pushing put flow flowed flowing clear cleared clearing hit hits went going gone handled get getting gotten ' +
    'generate generated generating produce produced bring brought seeing looking tracking track tracked trending trended ' +
    'fall falls fell falling land lands landed exec execs executive kpi kpis summary headline routing right ' +
    'thing things firing fired triggered typical common commonest frequent often actually help helps ' +
    // presentation nouns and verbs: the measures listed say what is shown
    'scorecard scorecards scoreboard snapshot rundown recap digest economics picture name identify'
  ).split(' '),
);

/** Abbreviations and shorthands analysts type, rewritten before parsing. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\btxns?\b|\btrxs?\b|\btrans\b|\btxs\b/g, 'transactions'],
  [/\bauths?\b(?! rate| success)/g, 'transactions'],
  [/\bpct\b|\bperc\b/g, 'percent'],
  [/\bavg\b|\bave\b/g, 'average'],
  [/\bamt\b/g, 'amount'],
  [/\bqty\b/g, 'number'],
  [/\bnum\b|\bno\b(?= of)/g, 'number'],
  [/\bcnt\b/g, 'count'],
  [/\bpsps?\b/g, 'processor'],
  [/\bacquirers?\b/g, 'processor'],
  [/\bmerch\b|\bmerchs\b/g, 'merchants'],
  [/\bxb\b|\bx border\b/g, 'cross border'],
  [/\bw\/o\b/g, 'without'],
  [/\bw\/(?!o\b)/g, ' with '],
  [/\bmtd\b/g, 'this month'],
  [/\bwtd\b/g, 'this week'],
  [/\bytd\b/g, 'this year'],
  [/\blatencies\b/g, 'latency'],
  [/\bopps?\b/g, 'opportunity'],
  [/\bthats\b|\bthat s\b/g, 'that is'],
  [/\bsecs?\b/g, 'seconds'],
  [/\bpts\b|\bppts\b/g, 'points'],
  [/\bmins\b/g, 'minutes'],
  // "as well as" joins two things asked for; "as well", "too" at the end only repeat the request.
  [/\bas well as\b/g, 'and'],
  // "percent-wise", "volume-wise": in terms of the word before (read before typos are fixed: "wise" is not "rise").
  [/\b([a-z]+)[- ]wise\b/g, '$1'],
  [/\bas well\b|\btoo\s*$/g, ' '],
  // "reason x segment x network": a cross of breakdowns.
  [/(?<=[a-z]) x (?=[a-z])/g, ' by '],
  // A KPI abbreviation names a comparison of the last two periods; the spelt-out "month over month" stays a series.
  [/\bmom\b/g, 'this month vs last month'],
  [/\bwow\b/g, 'this week vs last week'],
  [/\bdod\b/g, 'today vs yesterday'],
];

/** Lower-cased, numbers made plain ("1,000" → 1000, "$5k" → 5000, "half a second" → 500 ms), shorthands spelt out. */
export function prepareText(question: string): string {
  let t = ` ${question.toLowerCase()} `
    .replace(/[“”"]/g, ' ')
    .replace(/(\w)['’]s\b/g, '$1')
    .replace(/\$(?!\s*\d)/g, ' value ')
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/\$\s*(\d)/g, '$1')
    .replace(/(\d+(?:\.\d+)?)\s*k\b/g, (_, n: string) => String(Number(n) * 1000))
    .replace(/(\d+(?:\.\d+)?)\s*m\b(?!s)/g, (_, n: string) => String(Number(n) * 1_000_000))
    .replace(/\b(than|over|under|above|below|within) half (?:a )?second\b/g, '$1 500 ms')
    .replace(/\b(than|over|under|above|below|within) (?:a|one) second\b/g, '$1 1000 ms')
    .replace(
      /\b(\d+(?:\.\d+)?)\s*(and|to|-)\s*(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds)\b(?! (?:between|since|after|following|wait))/g,
      (_, a: string, w: string, b: string) => `${Number(a) * 1000} ms ${w} ${Number(b) * 1000} ms`,
    )
    .replace(
      /\b(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds)\b(?! (?:between|since|after|following|wait))/g,
      (_, n: string) => `${Number(n) * 1000} ms`,
    )
    .replace(/(\d)\s*(ms|millis|milliseconds)\b/g, '$1 ms')
    .replace(/(\d)%/g, '$1 percent')
    .replace(/%/g, ' percent ')
    .replace(/#\s*(?=[:,;?)]|$)/g, ' number ')
    .replace(/#\s*(?:of\b)?/g, ' number of ')
    .replace(/\b(\d+)\s*d\b/g, '$1 days')
    .replace(/\b(\d+)\s*w\b/g, '$1 weeks')
    .replace(/\b(\d+)\s*h\b/g, '$1 hours')
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' or more ')
    .replace(/>=/g, ' at least ')
    .replace(/<=/g, ' at most ')
    .replace(/>/g, ' over ')
    .replace(/</g, ' under ');
  for (const [re, to] of ABBREVIATIONS) t = t.replace(re, to);
  return normalise(t);
}

/** Every phrase the semantic layer holds: its measures, composites, dimensions, values, flags, specials, markers and time words. */
export function layerPhraseList(layer: SemanticLayer): string[] {
  return [
    ...layer.measures.flatMap((m) => m.phrases),
    ...layer.composites.flatMap((c) => c.phrases),
    ...layer.dimensions.flatMap((d) => d.phrases),
    ...layer.values.flatMap((v) => v.phrases),
    ...layer.flags.flatMap((f) => f.phrases),
    ...layer.specials.flatMap((s) => s.phrases),
    ...layer.issuerMarkers,
    ...layer.merchantMarkers,
    ...Object.keys(layer.timeWords),
  ];
}

/** Every word the layer (and the parser's own grammar) knows: what a typo may be corrected to. */
export function layerVocabulary(layer: SemanticLayer, grammarWords: string[], extra: string[] = []): Set<string> {
  const words = new Set<string>([...FILLERS, ...grammarWords]);
  const phrases = [...layerPhraseList(layer), ...extra];
  for (const p of phrases) for (const w of normalise(p).split(' ')) if (w) words.add(w);
  return words;
}

/** Damerau–Levenshtein distance (a swap of two letters counts as one edit), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[i - 1]?.[j] ?? 0) + 1, (d[i]?.[j - 1] ?? 0) + 1, (d[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[i - 2]?.[j - 2] ?? 0) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return d[a.length]?.[b.length] ?? max + 1;
}

/**
 * A name the data does not hold, not a typo: the stem of a known value with another last
 * letter ("ProcessorD" beside ProcessorA–C), where a typo changes the stem ("ProcesorB").
 */
export function isSiblingName(word: string, vocabulary: Set<string>): boolean {
  if (word.length < 6) return false;
  const stem = word.slice(0, -1);
  for (const known of vocabulary) if (known.length === word.length && known.startsWith(stem) && known !== word) return true;
  return false;
}

/** The closest known word for a misspelt one: one edit for short words, two for words of 7+ letters. */
export function correctWord(word: string, vocabulary: Set<string>, name = false): string | undefined {
  if (vocabulary.has(word) || /\d/.test(word) || word.length < 3) return undefined;
  if (name && isSiblingName(word, vocabulary)) return undefined;
  const budget = word.length >= 7 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const known of vocabulary) {
    if (known.length < 3 || /^\d+$/.test(known)) continue;
    // A capitalised word is a name: it may be a misspelt value ("Mastercad"), never a misspelt filler ("Acme" is not "came").
    if (name && FILLERS.has(known)) continue;
    const dist = editDistance(word, known, budget);
    // Two edits only reach a word of the data ("weather" is not a misspelt "either": a filler would hide what was asked).
    if (dist === 2 && FILLERS.has(known)) continue;
    // Short words only grow by a letter ("rat" → "rate"), never turn into another short word.
    if (word.length === 3 && known.length !== 4) continue;
    if (
      dist < bestDistance ||
      (dist === bestDistance && best !== undefined && known.length > best.length && known.startsWith(word[0] ?? ''))
    ) {
      best = known;
      bestDistance = dist;
    }
  }
  return bestDistance <= budget ? best : undefined;
}

/** Words written with a capital inside a sentence (names: "Acme Books", "JCB", "ProcessorD"), lower-cased. */
export function capitalisedWords(question: string): Set<string> {
  const out = new Set<string>();
  const tokens = question.split(/[^A-Za-z0-9]+/).filter(Boolean);
  // "Thai-issued cards", "Japan-based merchants": a place, even as the first word.
  for (const m of question.matchAll(/\b([A-Z][a-z]+)-(?:issued|based)\b/g)) out.add((m[1] ?? '').toLowerCase());
  tokens.forEach((t, i) => {
    // The first word is a name only when its own capitals or digits say so ("ProcessorZ declines per day").
    if ((i > 0 && /^[A-Z]/.test(t)) || /^[A-Z][a-z]+[A-Z0-9]/.test(t)) out.add(t.toLowerCase());
  });
  return out;
}

/** Replaces misspelt words with their closest known word; returns the text and what was corrected. */
export function correctTypos(
  text: string,
  vocabulary: Set<string>,
  names: Set<string> = new Set(),
): { text: string; corrected: [string, string][] } {
  const corrected: [string, string][] = [];
  const words = text.split(' ').map((w) => {
    const fix = correctWord(w, vocabulary, names.has(w));
    if (fix) corrected.push([w, fix]);
    return fix ?? w;
  });
  return { text: words.join(' '), corrected };
}
