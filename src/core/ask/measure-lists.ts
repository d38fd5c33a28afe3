/**
 * Measure lists and rates within a subset, read from the question's own wording before it is matched:
 * every member of a list is kept ("smallest, largest and average"), a list of questions after a colon
 * ("how many, and what % were approved") names one measure each, a count asked "as a rate" is a
 * percentage of its population, and a flag named with its other side ("with 3DS or without") is compared.
 */

/** Aggregation words that can stand in a list; the order words among them are then an aggregation, not a ranking. */
const AGG_MEMBER = 'smallest|largest|lowest|highest|biggest|min|max|minimum|maximum|average|avg|mean|median|typical';
const AGG_SEP = '(?:\\s*,\\s*(?:and\\s+|&\\s+)?|\\s+(?:and|&|or)\\s+)';
const AGG_LIST = new RegExp(`\\b(?:${AGG_MEMBER})(?:${AGG_SEP}(?:the\\s+)?(?:${AGG_MEMBER}))+\\b`, 'gi');
const AS_AGG: Record<string, string> = {
  smallest: 'minimum',
  lowest: 'minimum',
  largest: 'maximum',
  highest: 'maximum',
  biggest: 'maximum',
};

/** "smallest, largest and average payment", "highest and lowest latency": each is an aggregation of what follows. */
function aggregationLists(q: string): string {
  return q.replace(AGG_LIST, (list) =>
    list.replace(/\b(smallest|lowest|largest|highest|biggest)\b/gi, (w) => AS_AGG[w.toLowerCase()] ?? w),
  );
}

/** An outcome said as a verb or adjective, and the measure words for its count and its rate. */
const OUTCOMES: [RegExp, string, string][] = [
  [/^(?:approved|accepted|successful|authori[sz]ed|through|succeeded|recovered)$/, 'approvals', 'approval rate'],
  [/^(?:declined|rejected|refused|failed|unsuccessful)$/, 'declines', 'decline rate'],
  [/^(?:fraud|fraudulent|fraud cases)$/, 'fraud count', 'fraud rate'],
];
const outcome = (word: string, k: 1 | 2) => OUTCOMES.find(([re]) => re.test(word.toLowerCase()))?.[k];
const VERB = '(?:were|was|are|is|got|get|gets|went|go|goes|ended up|end up|did get)';
const OF_THEM = '(?:of (?:them|those|these)\\s+)?';

/**
 * After a colon, a list of little questions about the rows named before it: "how many (were there)" is their count,
 * "how many got approved" the approvals, "what % were approved" the approval rate.
 */
function questionList(q: string): string {
  const colon = q.indexOf(':');
  if (colon < 0) return q;
  const head = q.slice(0, colon);
  let tail = q.slice(colon + 1);
  if (!/\bhow many\b|\bwhat (?:%|percent|percentage|share|proportion|fraction)/i.test(tail) || !/\band\b|,/.test(tail)) return q;
  const rate = new RegExp(
    `\\bwhat (?:%|percent(?:age)?|share|proportion|fraction|portion) ${OF_THEM}(?:${VERB}\\s+)?(?:then\\s+)?(\\w+)`,
    'gi',
  );
  const count = new RegExp(`\\bhow many ${OF_THEM}(?:${VERB}\\s+)(?:then\\s+)?(\\w+)`, 'gi');
  let changed = false;
  tail = tail
    .replace(rate, (all, w: string) => {
      const to = outcome(w, 2);
      if (to) changed = true;
      return to ?? all;
    })
    .replace(count, (all, w: string) => {
      const to = outcome(w, 1);
      if (to) changed = true;
      return to ?? all;
    });
  if (!changed) return q;
  // The plain "how many (were there)" left is the rows' own count; the list's members are separated by commas.
  tail = tail
    .replace(/\bhow many(?: (?:were|are|was|is) there| of them| in total| overall)?\b/gi, 'transactions')
    .replace(/\s*,?\s+and\s+/gi, ', ');
  return `${head}: ${tail}`;
}

/**
 * "Of the payments that hit a 3DS challenge, how many fail it? as a rate": a count asked as a rate is the percentage
 * of its population; a challenge that fails is a failed challenge, not a declined payment.
 */
function countAsRate(q: string): string {
  let out = q
    .replace(/\b(?:3ds )?challenges? (?:that )?(?:fail|fails|failed|failing)\b/gi, 'challenge failed')
    .replace(/\b(?:fail|fails|failed|failing) (?:it|them|the (?:3ds )?challenge|their (?:3ds )?challenge|the 3ds)\b/gi, (w) =>
      /\bchallenge/i.test(q) ? 'challenge failed' : w,
    );
  const asRate =
    /[?.,!]?\s*\(?\b(?:as|in) (?:a |an )?(?:rate|%|percent|percentage|share|proportion)\b\)?(?:\s+(?:pls|please|thanks))?[?.!]*\s*$/i;
  if (asRate.test(out) && /\bhow (?:many|often)\b/i.test(out)) {
    out = out.replace(asRate, '').replace(/\bhow (?:many|often)\b(?: (?:of (?:them|those|these)|do|does|did))?/i, 'what percent');
    // "Of the payments that …, what percent …": the population named first.
    out = out.replace(/^(of|among|out of) (.+?),\s*(what percent)/i, '$1 $2 $3');
  }
  return out;
}

/** "with and without a token", "payments with 3DS vs those without": both sides of one flag, named in full. */
function bothSides(q: string): string {
  let out = q.replace(/\bwith (and|or|vs\.?|versus) without (?:an? |the )?([\w-]+(?: [\w-]+)?)/gi, 'with $2 vs without $2');
  const withX = /\bwith (?:an? |the )?((?:network )?tokens?|3ds|3d secure|[\w-]+ tokens?)\b/i.exec(out);
  if (withX && !/\bwithout \w/i.test(out.slice(withX.index)))
    out = out.replace(/\b(?:(?:ones|those|the ones|payments|transactions) )?without\s*(?=[?.!]*\s*$)/i, `without ${withX[1]}`);
  return out.replace(/\b(with(?:out)?) (?:an? )?tokens?\b(?! share| usage)/gi, '$1 network token');
}

/** "ticket size bucket", "amount band": silver's own amount bucket. */
const bucketed = (q: string) =>
  q.replace(
    /\b(?:amount|ticket|ticket size|transaction size|payment size|basket size|size|value) (?:buckets?|bands?|brackets?|classes|class)\b/gi,
    (w) => (/s\b/i.test(w.split(' ').pop() ?? '') && !/class$/i.test(w) ? 'amount buckets' : 'amount bucket'),
  );

/**
 * "of yesterday's declined payments": the rows named, then their time (a possessive time would take the "of" with it);
 * "because the card had expired": the decline reason; "did we lose to fraud": the fraud loss.
 */
const rowsThenTime = (q: string) =>
  q
    .replace(
      /\bof (yesterday|today|this (?:week|month|year)|last (?:week|month|year)|the last \d+ days)['’]s? ([a-z][\w -]*?)(?=[?.!,;:]|$)/gi,
      'of $2 $1',
    )
    .replace(/\b(?:the |their |a |his |her )?cards? (?:had |has |have |was |were )?(?:expired|lapsed|run out)\b/gi, 'expired card')
    // "how often does a retry actually go through": the approval rate of those rows.
    .replace(
      /\bhow often (?:do|does|did|will|would) (?:an? |the |our )?([\w-]+?(?: [\w-]+?)??) (?:actually |really |ever |eventually )?(?:go through|goes through|get through|gets through|succeed|succeeds|pay off|work)\b/gi,
      'approval rate of $1',
    )
    // "how much of the approved value comes from Retail, percent-wise": the share of that value.
    .replace(
      /\bhow much of (.+?) (comes?|came|is|was|goes|went|happens?|happened) (.+?),? (?:percent-?wise|in percent(?:age)?(?: terms)?|as an? (?:percent(?:age)?|share|%)|in %)(?=[?.!]*\s*$)/i,
      'what share of $1 $2 $3',
    )
    // "number of retry attempts": the retries counted, not the distinct attempt numbers.
    .replace(/\b(how many|number of|count of|total) retry attempts\b(?! (?:number|numbers|each))/gi, '$1 retries')
    .replace(/\b(?:did we |do we |we |have we |we've )?(?:lose|lost|losing|leak|leaked) to fraud(?:sters)?\b/gi, 'lost to fraud');

/**
 * "How concentrated are we? Share of approved value from our 5 biggest merchants", "what percent of volume do the top 10
 * merchants account for": the top groups' shares together. "Share of value by merchant, top 5" lists each group.
 */
export function asksTopShare(text: string, measures: string[], groupBy: string[], order?: { limit: number; direction: string }): boolean {
  if (!order || order.direction !== 'desc' || order.limit < 2 || groupBy.length !== 1 || measures.length !== 1) return false;
  if (!/^share:/.test(measures[0] ?? '') || /\b(each|per|individual|respective|breakdown|list|listed|separately|rank|ranked)\b/.test(text))
    return false;
  const top = '(?:top|biggest|largest|leading|highest|greatest)';
  return (
    /\bconcentrat/.test(text) ||
    new RegExp(`\\b(?:from|of|to|for|by|in|across|with) (?:our |the |its |their )?(?:${top} \\d+|\\d+ ${top})\\b`).test(text) ||
    new RegExp(
      `\\b(?:${top} \\d+|\\d+ ${top}) \\w+(?: \\w+)? (?:together|combined|account|accounts|make|makes|contribute|contributes|represent|represents|hold|holds|take|takes|generate|generates|bring|brings)\\b`,
    ).test(text)
  );
}

/** The question with its measure lists, subset rates and two-sided flags spelled out for the parser. */
export function spellMeasures(question: string): string {
  return bucketed(bothSides(countAsRate(questionList(aggregationLists(rowsThenTime(question))))));
}

/** In a list of measures after a colon ("by attempt: attempts, approved, avg wait"), a bare outcome is its count. */
export function listedOutcomes(question: string): string {
  if (!/:[^:]*,/.test(question)) return question;
  const counts: Record<string, string> = {
    approved: 'approvals',
    declined: 'declines',
    fraudulent: 'fraud count',
    fraud: 'fraud count',
    total: 'transactions',
  };
  const [head, ...tail] = question.split(':');
  const said = tail.join(':');
  // "total, approved and declined value": the last noun belongs to every qualifier, so "total" is not a count there.
  const shared = /\b(?:approved|declined|fraud|fraudulent|recovered|total) (?:value|amount|volume|count)\s*[?.!]?\s*$/i.test(said);
  const bare = shared
    ? /(^|,|\band\b)\s*(approved|declined|fraudulent|fraud)\s*(?=,|\band\b|[?.!]?\s*$)/gi
    : /(^|,|\band\b)\s*(approved|declined|fraudulent|fraud|total)\s*(?=,|\band\b|[?.!]?\s*$)/gi;
  const list = said.replace(bare, (_, sep: string, w: string) => {
    return `${sep} ${counts[w.toLowerCase()] ?? w} `;
  });
  return `${head}:${list}`;
}
