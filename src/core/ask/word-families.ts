/**
 * Families of wordings that name one thing the layer already knows, rewritten on normalised text before the pieces are
 * matched: a card that lapsed is an expired card; "oldest first" is the order a series already has; a size word before a
 * numeric amount ("tiny payments under $10") repeats the number. And one family that stays ambiguous: TPV.
 */
const FAMILIES: [RegExp, string][] = [
  // "declined because the card had lapsed", "cards that expired": the expired-card decline reason.
  [
    /\b(?:the |their |a )?cards? (?:that |which )?(?:had |has |have |was |were |is |are |being |having )?(?:expired|lapsed|run out|gone out of date)\b/g,
    'expired card',
  ],
  [/\b(?:lapsed|out of date|outdated) cards?\b/g, 'expired card'],
  // "oldest month first", "in chronological order": a series is read oldest first already.
  [
    /,? ?\b(?:(?:from )?(?:the )?(?:oldest|earliest) (?:(?:day|week|month|hour|date|period) )?(?:first|to (?:the )?(?:newest|latest|most recent))|in (?:chronological|date|time) order)\b/g,
    ' ',
  ],
  // "biggest first", "worst first": every group, sorted that way (not only the first).
  [/,? ?\b(?:the )?(highest|biggest|largest|most|best|top|greatest) (?:ones? )?first\b/g, ' from highest to lowest'],
  [/,? ?\b(?:the )?(lowest|smallest|least|worst|bottom|fewest) (?:ones? )?first\b/g, ' from lowest to highest'],
  // "tiny payments under $10", "large transactions above 1000": the number says the size.
  [
    /\b(?:tiny|small|smaller|little|low value|large|larger|big|bigger|huge|high value|jumbo) (transactions?|payments?|purchases?|tickets?|orders?|txns?)\b(?= (?:\w+ ){0,3}(?:under|below|over|above|less than|more than|greater than|at least|at most|between|of at least|up to)\b)/g,
    '$1',
  ],
  // "payment gateway", "gateways": the processor a payment is routed to.
  [/\b(?:payment )?gateways?\b/g, 'processor'],
  // "plain PANs", "raw card numbers": not network-tokenised.
  [
    /\b(?:plain|raw|clear|bare|naked|unprotected) (?:pans?|card numbers?)\b|\buntoken[iz]s?ed\b|\bnon token[iz]s?ed\b/g,
    'without network token',
  ],
  // "gross volume", "volume processed", "total payment volume": the TPV family.
  [/\b(?:gross (?:merchandise )?volume|volume processed|processed volume|total payment volume|payment volume)\b/g, 'tpv'],
  // "which reason costs the most in declined value", "highest in terms of fraud rate": ranked by what follows.
  [
    /\b(most|least|highest|lowest|biggest|largest|smallest|best|worst) (?:in terms of|in|on|by) (?=(?:the )?(?:total |approved |declined )?(?:value|amount|volume|tpv|gmv|rate|declines|approvals|fraud|latency|transactions))/g,
    '$1 ',
  ],
  // "with 3DS … than ones without": both sides of the flag compared.
  [
    /\bwith ((?:a |an )?[a-z0-9]+(?: [a-z0-9]+)?) (.*?\b(?:than|vs|versus|compared (?:to|with)|against|or) (?:the |those |ones |the ones |payments |transactions )*)without\b(?! (?:a |an )?[a-z0-9])/g,
    'with $1 $2without $1',
  ],
  // "what part of total value is cross-border, percentage-wise": a share already is a percentage.
  [/^(what (?:share|part|portion|percent|percentage|fraction|proportion) of .+?),? (?:percent|percentage)$/, '$1'],
  // "number of retry attempts": the retries counted, not the distinct attempt numbers.
  [/\b(number of|count of|how many|total) retry attempts\b/g, '$1 retries'],
  // "distinct merchant count": the merchants counted once each.
  [/\b(?:distinct|unique|active) merchant counts?\b/g, 'number of distinct merchants'],
  // "ticket size bucket", "size buckets": the amount bucket.
  [/\b(?:ticket size|ticket|size|amount|value) (?:buckets?|bands?|tiers?|brackets?|classes)\b/g, 'amount bucket'],
];

/** Rewrites the families above (normalised text in, normalised text out). */
export function wordFamilies(text: string): string {
  let out = text;
  for (const [re, to] of FAMILIES) out = out.replace(re, to);
  return out.replace(/\s+/g, ' ').trim();
}

/** TPV, GMV, "gross volume", "volume processed": the approved value by one convention, every attempt's value by another. */
const VOLUME_WORDS = /\b(?:tpv|gmv)\b/;

/**
 * A measure of the TPV family is answered both ways: the approved value (named first, what the sentence states and what
 * a ranking sorts by) and the value of every attempt beside it, so neither reading is silently dropped.
 */
export function bothVolumes(text: string, measures: string[]): string[] {
  if (!VOLUME_WORDS.test(text) || /\b(?:approved|settled|declined|attempted|gross) (?:tpv|gmv)\b/.test(text)) return measures;
  const out: string[] = [];
  for (const id of measures) {
    out.push(id);
    if (id === 'approved_value' && !measures.includes('value')) out.push('value');
    if (id === 'share:approved_value' && !measures.includes('share:value')) out.push('share:value');
  }
  return out;
}
