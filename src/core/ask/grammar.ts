import { NUMERIC_COLUMNS } from './measures';
import { COMPARISON_TERMS } from './parse-numbers';
import { MONTH_WORDS, NAMED_DAY_WORDS, TIME_PHRASE_WORDS } from './time-phrases';

/** Aggregation words: they combine with the numeric column named next ("median amount", "95th percentile latency"). */
export const AGG_WORDS: Record<string, string> = {
  average: 'avg',
  mean: 'avg',
  median: 'q50',
  minimum: 'min',
  min: 'min',
  smallest: 'min',
  maximum: 'max',
  max: 'max',
  largest: 'max',
  iqr: 'iqr',
  'interquartile range': 'iqr',
  'inter quartile range': 'iqr',
  sum: 'sum',
  'sum of': 'sum',
};

/** Words that turn a following dimension into a distinct count ("unique merchants"). */
export const DISTINCT_WORDS = ['distinct', 'unique', 'different', 'separate'];

/** Words that, right after a flag or value, make it a percentage ("cross-border share", "3DS usage"). */
export const RATE_WORDS = [
  'rate',
  'rates',
  'share',
  'usage',
  'percentage',
  'percent',
  'ratio',
  'proportion',
  'adoption',
  'fraction',
  'penetration',
];

/** Words that negate the flag or value after them ("exclude retries", "non-3DS", "other than Visa"). */
export const NEGATIONS = ['exclude', 'excluding', 'except', 'without', 'non', 'not', 'no', 'ignoring', 'ignore', 'minus', 'outside'];

/** Words that mean a share of a total across groups ("channel mix", "share of value by segment"). */
export const MIX_WORDS = /\b(mix|share|shares|percent|percentage|proportion|breakdown|distribution|contribute|contributes|contribution)\b/;

const NUMBER_WORDS: Record<string, string> = {
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  twelve: '12',
  fifteen: '15',
  twenty: '20',
};

/** Turns wordings into the parser's canonical ones before matching (percentiles, ordinals, "with and without"). */
export const REWRITES: [RegExp, string | ((...m: string[]) => string)][] = [
  // "99.9th percentile", "p99.9": a percentile in tenths (p999).
  [/\b(\d{2})[.](\d)(?:st|nd|rd|th)? (?:percentiles?|pctl|perc)\b/g, 'p$1$2'],
  [/\bp(\d{2})[.](\d)\b/g, 'p$1$2'],
  // A list of ordinals before "percentiles": "25th, 50th and 90th percentile" → p25 and p50 and p90.
  [
    /\b\d{1,2}(?:st|nd|rd|th)?(?:(?:,| and|, and| or|,? the)? \d{1,2}(?:st|nd|rd|th)?)+ (?:percentiles?|percent|pctls?)\b/g,
    (list: string) => (list.match(/\d{1,2}(?=(?:st|nd|rd|th)?\b)/g) ?? []).map((n) => `p${n}`).join(' and '),
  ],
  [/\b(\d{1,2})(?:st|nd|rd|th) (?:percentiles?|percent|pctl|perc)\b/g, (_, a) => `p${a}`],
  [/\bpercentile (\d{1,2})\b/g, (_, a) => `p${a}`],
  [/\bp(\d{1,2}) (?:percentiles?)\b/g, (_, a) => `p${a}`],
  [/\bmedian\b/g, 'p50'],
  // "latency at the 95th percentile", "amount at p90": the percentile of what was just named.
  [
    /\b((?:tail )?(?:latency|processing time|response time|amount|ticket size|ticket|fraud score|velocity score|aml score)) (?:at|@) (?:the )?(p\d{1,3})\b/g,
    '$2 $1',
  ],
  [/\b(p\d{1,3}) tail\b/g, '$1'],
  // "tail latency": the p99, unless a percentile is named.
  [/\btail (latency|processing time|response time)\b(?=.*\bp\d)/g, '$1'],
  [/\btail (latency|processing time|response time)\b/g, 'p99 $1'],
  // "what fraud score marks the riskiest 1%": the value where the top N percent starts is the (100-N)th percentile.
  [
    /\b(?:what|which) (\w+(?: \w+)?) (?:marks|separates|defines|cuts off|starts|begins|qualifies|flags|is the (?:cutoff|cut off|threshold|boundary) (?:for|of)) (?:the )?(top|riskiest|highest|largest|biggest|slowest|most risky|bottom|lowest|smallest|fastest|least risky|safest) (\d{1,2}) percent\b/g,
    (_, what: string, side: string, n: string) =>
      `p${/^(bottom|lowest|smallest|fastest|least risky|safest)$/.test(side) ? n : 100 - Number(n)} ${what}`,
  ],
  // "what amount do 95% of payments stay below": the value N percent stay under is the Nth percentile.
  [
    /\bwhat (\w+(?: \w+)?) (?:do|does|did) (?:the )?(\d{1,2}) ?(?:%|percent|pct)(?: of)?((?: \w+){0,4}?) (?:stay|stays|fall|falls|come|comes|sit|sits|are|is|remain|remains)(?: in)? (?:below|under|beneath)\b/g,
    (_: string, what: string, n: string, of: string) => `p${n} ${what}${of ? ` of${of}` : ''}`,
  ],
  // "active merchants": the merchants that had any transaction, counted once each.
  [/\bactive (merchants|processors|countries|networks|issuers|segments|channels)\b/g, 'distinct $1'],
  // "how much of the declined value comes from Travel": the share of that measure the value accounts for.
  [/^how much of (?:the |our |all )?(.+?) (?:comes?|came|is|was|goes|went) (?:from|in|on|via|through|to) /, 'what share of $1 comes from '],
  // "late night hours", "overnight hours": the time-of-day flag, not a breakdown by hour.
  [/\b(late[ -]night|night[ -]?time|overnight) hours\b/g, 'late night'],
  // "p95 approved amount", "average declined ticket": the statistic of the flagged rows' amount.
  [
    /\b(p\d{1,2}|avg|average|mean|min|max|minimum|maximum) (approved|declined|fraud|fraudulent|retried) (amount|ticket|ticket size|payment amount)\b/g,
    '$1 $3 of $2 transactions',
  ],
  // "total, approved and declined value": the noun after a list of qualifiers belongs to each of them.
  [
    /\b((?:total|approved|declined|fraud|fraudulent|recovered)(?:,? (?:total|approved|declined|fraud|fraudulent|recovered))*,? (?:and|&) (?:total|approved|declined|fraud|fraudulent|recovered)) (value|amount|volume|count)\b/g,
    (_, list: string, noun: string) =>
      list
        .split(/,? (?:and |& )?|, /)
        .filter((w) => w && w !== 'and')
        .map((w) => `${w} ${noun}`)
        .join(' and '),
  ],
  [/\b(?:in|as) (?:ms|millis|milliseconds|seconds|minutes|dollars|usd|us dollars)\b/g, ' '],
  // "count, total and avg amount": a list of aggregations shares the column named after it ("total" is its sum).
  [
    /\b((?:count|total|sum|average|mean|min|max|minimum|maximum|median)(?:,? (?:and )?(?:count|total|sum|average|mean|min|max|minimum|maximum|median))+) (amount|amounts|latency|processing latency|fraud score|ticket|ticket size)\b/g,
    (_, list: string, column: string) => `${list.replace(/\btotal\b/g, 'sum').replace(/\bcount\b/g, 'transactions')} ${column}`,
  ],
  // "late night vs the rest of the day", "Travel compared with everything else": the flag against its complement is a breakdown.
  [
    /\b(vs|versus|compared (?:to|with)|against|relative to) (?:the rest(?: of (?:the )?(?:day|week|time|traffic|transactions|payments|hours|days))?|everything else|all (?:the )?others?|all other (?:transactions|payments|traffic|hours|days)|the others?)\b/g,
    '$1 the rest',
  ],
  [/\b(day|week|month) by \1\b/g, (_, u: string) => ({ day: 'daily', week: 'weekly', month: 'monthly' })[u] ?? u],
  // "how often do retries get approved": the share of those rows that meet the condition.
  [
    /^how often (?:do|does|did|are|is|were|was) (.+?) (?:get |got |end up |being |become )?(approved|declined|fraudulent|retried|challenged)\b/,
    'what percent of $1 are $2',
  ],
  // "how often does a retry actually succeed", "do retries succeed": the retry success rate.
  [
    /\b(?:how often )?(?:do|does|did)? ?(?:a |the )?retr(?:y|ies) (?:\w+ )?(?:succeed|succeeds|succeeded|work|works|worked|pay off)\b/g,
    'retry success rate',
  ],
  // "the wait before a retry": the time since the decline.
  [/\b(wait|waiting|delay|time) before (?:a |the |each )?retr(?:y|ies)\b/g, '$1 of retries'],
  // "had at least one decline": the rows exist, not a ranking.
  [/\bat least (?:one|1|a single)\b(?! (?:transactions?|payments?|txns))/g, ' '],
  [/\b(?:a )?(?:second|2nd) or later (?:retry|retries|attempts?)\b/g, 'retry attempt 2 or more'],
  [/\b(?:in seconds )?between (?:a |the )?decline and (?:its |the |a )?retry\b/g, ' '],
  [
    /\b(approved|declined) (?:transactions |payments )?(?:vs|versus|and|or|compared (?:with|to)|against) (approved|declined)(?: transactions| ones| payments)?\b/g,
    '$1 vs $2',
  ],
  // "retried twice or more", "retried at least three times": the attempt number reached.
  [
    /\bretried (?:at least )?(twice|two times|2 times|thrice|three times|3 times)(?: or more)?\b/g,
    (_, n: string) => `retry attempt ${/^(twice|two|2)/.test(n) ? 2 : 3} or more`,
  ],
  [/\b(second|2nd) (?:retry|retries|attempts?)\b/g, 'retry attempt 2'],
  [/\b(third|3rd) (?:retry|retries|attempts?)\b/g, 'retry attempt 3'],
  [/\b(first|1st) retr(?:y|ies)\b/g, 'retry attempt 1'],
  [
    /\bwith (?:and|or|vs|versus|compared (?:with|to)|against) without (?:a |an )?([a-z0-9 ]+?)(?= by| for| in| on| at| over| during|$)/g,
    (_, x) => `with ${x} vs without ${x}`,
  ],
  // "as a percentage", "in percent of the total": the breakdown is a share of the total.
  [/\b(?:as|in) (?:a )?(?:percentages?|percent|shares?)(?: of (?:the )?(?:total|whole|all))?\b/g, 'percentage'],
  [
    /\b((?:(?:fraud|aml risk|aml|velocity|device trust|composite risk) (?:and )?){2,})scores\b/g,
    (_, list: string) =>
      list
        .trim()
        .replace(/ and$/, '')
        .split(/ (?:and )?(?=fraud|aml|velocity|device|composite)/)
        .map((x) => `${x.replace(/ and$/, '')} score`)
        .join(' and '),
  ],
  [/\b(?:day|daytime) (vs|versus|against|compared (?:with|to)|and) (late night|night)\b/g, 'daytime $1 late night'],
  [/\b(late night|night) (vs|versus|against|compared (?:with|to)|and) (?:day|daytime)\b/g, 'late night $2 daytime'],
  [/\bby weekday\b|\bper weekday\b/g, 'by day of week'],
  [/\bday of the week\b/g, 'day of week'],
  [/\bhours? of (?:the )?day\b/g, 'hour of day'],
  [/\b(?:the )?day before\b/g, 'day before'],
  [/\bfirst attempts?\b/g, 'first attempt'],
  // "gross TPV", "TPV, approved or not": every attempt's value, not only the approved.
  [/\bgross (?:tpv|gmv|value|processed value|payment volume|dollar volume)\b/g, 'total value'],
  [/\b(?:tpv|gmv|approved value|approved volume)\b(?=.*\b(?:approved|declined) or not\b)/g, 'total value'],
  // "leave out weekends", "omitting retries": everything but.
  [
    /\b(?:leave|leaving|leaves|left|take|taking|strip|stripping|filter|filtering) out\b|\bomit(?:ting|ted)?\b|\bskip(?:ping)?\b/g,
    'excluding',
  ],
  // "which single hour", "which specific hour": one clock hour on one day, not an hour of the day.
  [/\b(?:single|specific|individual|particular|one) hour\b/g, 'hourly'],
  // "how long do we wait before retrying": the wait.
  [
    /\bhow long (?:do|does|did) (?:we|they|merchants|customers|people|payments|retries) (?:typically |usually |normally |generally )?wait before retr(?:ying|y|ies)\b/g,
    ' ',
  ],
  [/\b(seconds|time|wait) since the (?:original )?decline\b/g, 'seconds since decline'],
  // "declined the most, as a rate": the rate of that outcome.
  [/,? as (?:a )?(?:rate|ratio)\b/g, ' rate'],
  // "percentage of txns in the HIGH risk tier": the share of those rows in that group (when no verb later names the condition).
  [
    /^(?:what (?:is )?(?:the )?)?(percentage|percent|share|proportion|fraction) of (?:all )?(?:the |our )?(transactions|payments|volume|traffic|attempts) (?:are |were |is |was )?(in|on|at|from|with|using|via|through) (?!.*\b(?:are|is|were|was|get|gets|got|use|uses|used|have|has|had|come|comes|came|go|goes|went)\b)/,
    '$1 of $2 are $3 ',
  ],
  // "approved or not", "whether declined or not", "regardless of outcome": no condition on that flag at all.
  [
    /,? ?\b(?:whether |(?:it|they) (?:was|were) )?(?:approved|declined|successful|fraudulent|retried|tokeni[sz]ed|cross border|domestic) or not\b/g,
    ' ',
  ],
  [/,? ?\b(?:regardless of|irrespective of|whatever the) (?:the )?(?:outcome|status|result|approval status)\b/g, ' '],
  // "declined as expired card", "bounced for NSF", "declined due to insufficient funds": the reason after a decline verb.
  [/\b(declined|rejected|bounced|refused|denied|failed) (?:as|for|with|because of|due to|on|over|citing) (?:an? |the )?/g, '$1 '],
  // "name the two countries", "top three merchants": a number word before a ranked noun is the count.
  [
    /\b(top|bottom|the|name|list|show|which|give me|first) (two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\b(?! (?:days?|weeks?|months?|hours?|years?|quarters?)\b)/g,
    (_, w: string, n: string) => `${w} ${NUMBER_WORDS[n] ?? n}`,
  ],
  // "in how many countries do Gaming merchants operate": a count of the distinct values named.
  [/^(?:in|across|on|at) how many (distinct |different |unique )?/, 'how many distinct '],
  // "which network uses 3DS the least": how much of its traffic uses it, a rate.
  [
    /\b(?:uses?|used|using|adopts?|adopted|applies|apply) (3ds|3d secure|network tokens?|tokenization|tokenisation)\b(?= (?:the )?(?:most|least|more|less)\b)/g,
    '$1 usage',
  ],
  // "confirmed as fraud", "flagged as fraudulent": the fraud flag.
  [
    /\b(?:later |subsequently |eventually )?(?:confirmed|flagged|marked|reported|labell?ed|tagged|classified|identified) as (?:fraud|fraudulent)\b/g,
    'fraudulent',
  ],
  // "how much value they won back", "value recovered by retries": the recovered value.
  [
    /\b(?:how much )?(?:value|money|amount|dollars)(?: \w+){0,2}? (?:won|win|wins|winning|recovered|recovers|recover|brought|bring|got|get|clawed) back\b/g,
    'recovered value',
  ],
  // "how many succeeded" in a question about retries: the approved ones.
  [/\bhow many (?:of them |of those )?(?:succeeded|succeed|worked|went through|got through|were recovered|recovered)\b/g, 'approvals'],
  // "apart from 00", "aside from Visa": everything but.
  [/\b(?:apart from|aside from|except for|besides)\b/g, 'excluding'],
  // "what share of X comes from Y, as a percentage": the share already is one.
  [/^(what share of .+?) percentage$/, '$1'],
];

/** The parser's own words, added to the layer's for typo correction. */
export const GRAMMAR_WORDS = [
  ...Object.keys(AGG_WORDS).flatMap((w) => w.split(' ')),
  // Verbs of change ("improved the most week over week"): known words, so a typo fix never reads them as "approved", "risk".
  ...['improved', 'improve', 'improves', 'rise', 'rose', 'risen', 'rises', 'grew', 'grow', 'grows', 'fell', 'fall', 'falls'],
  ...['dropped', 'drop', 'drops', 'worsened', 'worsen', 'increased', 'increase', 'increases', 'decreased', 'decrease', 'decreases'],
  ...DISTINCT_WORDS,
  ...RATE_WORDS,
  ...NEGATIONS,
  ...COMPARISON_TERMS,
  ...NUMERIC_COLUMNS.flatMap((c) => c.phrases.flatMap((p) => p.split(' '))),
  'mix',
  // Verbs near a known word that are not it ("counting only merchants with…" is not "routing").
  'counting',
  'counted',
  // "vs the rest", "everything else": the complement of one side of a flag.
  'rest',
  'else',
  'everything',
  'others',
  'other',
  'breakdown',
  'distribution',
  'contribute',
  'percentile',
  'points',
  'change',
  'week',
  'month',
  'yesterday',
  'today',
  'between',
  'over',
  'under',
  'above',
  'below',
  'least',
  'most',
  'slowest',
  'fastest',
  'busiest',
  'quietest',
  'daytime',
  'weekday',
  'weekend',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'since',
  'minutes',
  'minute',
  'hours',
  'hour',
  'seconds',
  'ms',
  'dollars',
  'often',
  ...MONTH_WORDS,
  ...TIME_PHRASE_WORDS,
  // words of rewrites below that a typo fix must not turn into others ("aside" is not "side")
  ...['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve', 'fifteen', 'twenty', 'twice', 'thrice'],
  ...['gross', 'retrying', 'typically', 'long'],
  ...['aside', 'apart', 'besides', 'succeeded', 'succeed', 'confirmed', 'flagged', 'marked', 'zero', 'single'],
  // share words of SHARE_OF ("what part of", "what portion of") and the suffix of "percent-wise"
  ...['part', 'portion', 'wise'],
  ...NAMED_DAY_WORDS,
  // "what amount do 95% of payments stay below" (a percentile)
  ...['stay', 'stays', 'remain', 'remains', 'below', 'beneath'],
];
