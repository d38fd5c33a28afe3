import type { Intent } from './intent';
import { NEGATIONS } from './grammar';
import { WRITE_VERB_STEMS } from './input-guard';
import { normalise } from './semantic-layer';
import { MONTH_WORDS } from './time-phrases';

/**
 * Tolerant parsing: which of the words the parser could not place may be read past, so a question that is plainly
 * answerable without them ("total dollar value we processed", "which solution carries the highest fraud rate") is
 * answered, saying what was ignored, instead of refused. Anything that could change the meaning keeps the refusal.
 */

/** At most this many words are read past in one question; more means the question is about something else. */
const MAX_IGNORED = 2;

/** Words that change a meaning when skipped: negations, limits, comparisons, the future, causes. Their presence refuses. */
const MEANING_WORDS = new Set([
  ...NEGATIONS,
  ...'apart besides unless neither nor never nothing none exclusive exclusively omit omitting barring bar'.split(' '),
  ...'above below under beneath exceed exceeds exceeded exceeding beyond atleast least less fewer greater within between threshold cap capped'.split(
    ' ',
  ),
  ...'next tomorrow future forecast forecasts forecasted forecasting predict predicted prediction projected projection expect expected'.split(
    ' ',
  ),
  // time words: a window left out would answer for another period
  ...'last final ago prior previous before since until till same earlier fortnight quarter season holiday holidays'.split(' '),
  ...MONTH_WORDS,
  ...'monday tuesday wednesday thursday friday saturday sunday weekday weekend morning evening afternoon night tonight'.split(' '),
  ...'estimate estimated will would plan planned budget target targets goal goals if hypothetically why cause causes reason'.split(' '),
]);

const NEGATION_SET = new Set([...NEGATIONS, 'apart', 'besides', 'never', 'nor', 'neither']);

/** A word naming what is measured: an unknown word right before one names another measure ("exchange rate", "interest fee"). */
const MEASURE_HEADS =
  /^(rate|rates|ratio|value|amount|fee|fees|score|volume|count|price|prices|margin|cost|costs|time|latency|ticket|number)$/;

/** Words after which an unknown word is the thing asked about ("how many refunds", "which customers", "the weather"). */
const HEAD_OPENERS = /^(many|which|what|whats|the|a|an|our|their|your|of|any|some|every|each|no|s)$/;

const NUMBER_WORDS =
  /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|thousand|million|billion|dozen)$/;

/** A word that looks like part of a name or a value: quoted, capitalised inside the sentence, all capitals, or with digits. */
function valueLike(word: string, question: string): boolean {
  if (/\d/.test(word) || NUMBER_WORDS.test(word)) return true;
  const tokens = question.split(/[^A-Za-z0-9'"’]+/).filter(Boolean);
  return tokens.some((raw, i) => {
    const bare = raw.replace(/^['"’]+|['"’]+$|['’]s$/g, '');
    if (bare.toLowerCase() !== word) return false;
    const quoted = /^['"’]/.test(raw) || /['"’]$/.test(raw.replace(/['’]s$/, ''));
    return quoted || (i > 0 && /^[A-Z]/.test(bare)) || /^[A-Z]{2,}$/.test(bare);
  });
}

/** A form of a data-changing verb ("deleted", "updating", "removes"): never read past. */
function writeVerb(word: string): boolean {
  const stems = [word, word.replace(/(?:ing|ed|es|s|d)$/, ''), word.replace(/(?:ing|ed)$/, 'e')];
  return stems.some((s) => WRITE_VERB_STEMS.has(s));
}

/**
 * The unknown words that may be ignored, or undefined when the question must still be refused (or asked back).
 * `vocabulary` tells a word of the layer said alone ("dollar" of "dollar volume") from a word the layer never uses.
 */
export function ignorableWords(
  question: string,
  unknown: string[],
  partial: Partial<Intent>,
  vocabulary: Set<string>,
): string[] | undefined {
  const words = [...new Set(unknown)];
  if (words.length === 0 || words.length > MAX_IGNORED) return undefined;
  // A complete plan: something measured (a measure, a share or a gold view) besides the words read past.
  if ((partial.measures?.length ?? 0) === 0 && !partial.shareOf && !partial.gold) return undefined;
  const tokens = normalise(question).split(' ').filter(Boolean);
  // Words the layer never uses: one at most ("disputes … win" is a question about something else).
  if (words.filter((w) => !vocabulary.has(w)).length > 1) return undefined;
  for (const word of words) {
    if (MEANING_WORDS.has(word) || writeVerb(word) || valueLike(word, question) || word.length < 3) return undefined;
    // Only a word the asker typed ("funds" read out of "refunds" is not), and no superlative: an ordering not understood.
    if (!tokens.includes(word) || /.{3}est$/.test(word)) return undefined;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i] !== word) continue;
      // "not flagged", "without being confirmed": the negation is about this word.
      if (NEGATION_SET.has(tokens[i - 1] ?? '') || NEGATION_SET.has(tokens[i - 2] ?? '')) return undefined;
      if (vocabulary.has(word)) continue;
      if (MEASURE_HEADS.test(tokens[i + 1] ?? '')) return undefined;
      // "how many refunds", "which customers", "the weather": the thing asked about, unless it describes ("the riskiest").
      if (HEAD_OPENERS.test(tokens[i - 1] ?? '') && !/(?:est|ed|ing|ly|ive|ent|ant|al|ous|ful|ible|able)$/.test(word)) return undefined;
    }
  }
  return words;
}

/** The note an answer carries when words were read past: how it was read and what was ignored. */
export function ignoredNote(readAs: string, ignored: string[]): string {
  return ` (Read as: ${readAs} — ignored: ${ignored.map((w) => `"${w}"`).join(', ')}.)`;
}
