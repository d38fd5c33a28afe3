import { AGG_WORDS, MIX_WORDS, REWRITES } from './grammar';
import { planGold } from './gold-views';
import type { Filter, Intent } from './intent';
import { capitalisedWords, correctTypos, prepareText } from './lexicon';
import { DISTINCT_COLUMN, MEASURE_COLUMN, measureKind, resolveMeasure } from './measures';
import { extractNumbers } from './parse-numbers';
import { readPeriods, shapeComparison } from './period-pairs';
import { normalise, semanticLayer, type SemanticLayer, type ValueSynonym } from './semantic-layer';
import { chronological, MORE_THAN, ORDER_RE, ORDER_WORDS, SORT_RE, sortDirection } from './order-words';
import { groupThreshold } from './group-threshold';
import { placeRoles } from './entity-words';
import { bothVolumes, wordFamilies } from './word-families';
import { zeroGroups } from './zero-groups';
import { indexFor, matchPieces, type Match, type Piece } from './phrase-matcher';
import { isRatio, OUTCOME_RATE, resolveMeasures, TRANSACTION_NOUNS } from './measure-words';
import { merchantChange } from './merchant-change';
import { asksTopShare, listedOutcomes, spellMeasures } from './measure-lists';

/** Words that mark a follow-up that edits the previous question rather than replacing it. */
const FOLLOW_UP_START =
  /^(and|what about|how about|now|only|same|but|instead|just|also|then|(?:break|split|cut|slice) (?:it|that|this|those|these|them)(?: (?:down|out|up))?|split by|drill)\b/;

/** The parse of one question: the plan it asks for, what it could not place, and whether it reads as a follow-up. */
export interface ParsedQuestion {
  intent: Partial<Intent>;
  unknownWords: string[];
  corrected: [string, string][];
  followUp: boolean;
  replaceGroupBy: boolean;
}

interface Assembled {
  measures: string[];
  groupBy: string[];
  filters: Filter[];
  populationMeasures: string[];
}

/** Flags that are the two sides of one boolean column; both named means "compare the sides". */
const flagColumn = (sql: string) => /^(NOT )?([a-z_0-9]+)$/.exec(sql)?.[2];

/** Combines the matched pieces into measures, dimensions and filters. */
function assemble(matches: Match[], layer: SemanticLayer, text: string, spelledList = false): Assembled {
  const measures: string[] = [];
  const populationMeasures: string[] = [];
  const groupBy: string[] = [];
  const filters: Filter[] = [];
  let issuer = false;
  let pendingAggs: string[] = [];
  let distinct = false;
  let negate = false;
  const flagsSeen: string[] = [];
  // "transactions" as a plain noun ("value of high-risk transactions") is only the measure when nothing else is.
  let nounTransactions = false;
  // The measure a dimension implies ("decline reason": declines) yields to one the question names after it.
  let implied: string | undefined;
  const pushMeasure = (id: string, m: Match) => (m.afterOf ? populationMeasures : measures).push(id);
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i] as Match;
    const piece = m.piece;
    const prev = matches[i - 1]?.piece;
    const next = matches[i + 1]?.piece;
    const rateNext = next?.kind === 'rateword' && (matches[i + 1]?.start ?? 0) <= m.start + 3;
    switch (piece.kind) {
      case 'agg':
        pendingAggs.push(piece.fn);
        break;
      case 'column': {
        if (pendingAggs.length > 0) {
          for (const fn of pendingAggs) measures.push(`${fn}:${piece.column}`);
          pendingAggs = [];
        } else if (prev?.kind === 'measure' && MEASURE_COLUMN[prev.measure.id] === piece.column) {
          // "average ticket size": the column repeats what the measure already names.
        } else if (!measures.includes('transactions') || measures.length > 1) measures.push(`avg:${piece.column}`);
        break;
      }
      case 'measure': {
        const column = MEASURE_COLUMN[piece.measure.id];
        // "distinct merchant count per country": the distinct word belongs to the count it names.
        if (/^count\(DISTINCT /i.test(piece.measure.sql)) distinct = false;
        // "chargeback rate", "retry share": a count of flagged rows followed by a rate word is that flag's rate.
        const ownFlag = piece.measure.filter ? layer.flags.find((f) => f.sql === piece.measure.filter) : undefined;
        if (rateNext && ownFlag && /^count\(\*\)/.test(piece.measure.sql)) {
          measures.push(`rate:${ownFlag.id}`);
          break;
        }
        // "average of declined payments", "sum of fraud cases": the aggregate of those rows' amounts.
        if (pendingAggs.length > 0 && ownFlag && /^count\(\*\)/.test(piece.measure.sql) && !spelledList) {
          for (const fn of pendingAggs) measures.push(`${fn}:amount`);
          pendingAggs = [];
          if (!filters.some((f) => f.kind === 'flag' && f.flag === ownFlag.id)) filters.push({ kind: 'flag', flag: ownFlag.id });
          break;
        }
        const listed = spelledList || next?.kind === 'measure' || /^(total|all)$/.test(text.split(' ')[m.start - 1] ?? '');
        if (piece.measure.id === 'transactions' && !listed && (m.words ?? []).length === 1 && TRANSACTION_NOUNS.has(m.words?.[0] ?? '')) {
          nounTransactions = true;
          break;
        }
        if (pendingAggs.length > 0 && column) {
          for (const fn of pendingAggs) measures.push(`${fn}:${column}`);
          // "min, max and average latency": the aggregate the measure itself names comes last.
          if ((m.words ?? []).some((w) => AGG_WORDS[w] || w === 'avg' || /^p\d{1,2}$/.test(w))) measures.push(piece.measure.id);
          pendingAggs = [];
        } else pushMeasure(piece.measure.id, m);
        break;
      }
      case 'composite': {
        measures.push(...piece.composite.measures);
        const about = piece.composite.flag;
        if (about && !filters.some((f) => f.kind === 'flag' && f.flag === about)) filters.push({ kind: 'flag', flag: about });
        break;
      }
      case 'distinct':
        distinct = true;
        break;
      case 'negation':
        negate = true;
        break;
      case 'rateword':
        break;
      case 'dimension': {
        const dim = piece.dimension;
        const id = issuer && dim.id === 'merchant_country' ? 'issuer_country' : dim.id;
        // "Brazilian merchants", "Gaming merchants": where the merchants are, not a breakdown by merchant.
        const countsMerchants =
          dim.id === 'merchant' &&
          /^(?:how many|number of)(?: \w+){0,2} merchants\b/.test(text) &&
          measures.length === 1 &&
          measures[0] === 'transactions';
        if (dim.id === 'merchant' && (prev?.kind === 'value' || prev?.kind === 'flag') && !distinct && !countsMerchants) break;
        // "the Retail segment", "Visa network": the noun names the value's own dimension, not a breakdown.
        if (
          prev?.kind === 'value' &&
          prev.value.dimension === dim.id &&
          matches[i - 1]?.start === m.start - (matches[i - 1]?.words?.length ?? 1)
        )
          break;
        // "per segment, how many merchants and what approval rate": the words right before name the count.
        const saidCount = /\b(how many|number of|count of)$/.test(text.split(' ').slice(0, m.start).join(' '));
        const countsIt =
          distinct ||
          (((/^(how many|number of|count of)\b/.test(text) && measures.length === 1) || saidCount) &&
            measures.at(-1) === 'transactions' &&
            /(?<!s)s$|ies$/.test((m.words ?? []).at(-1) ?? text.split(' ')[m.start] ?? ''));
        if (countsIt && !dim.time) {
          if (measures.at(-1) === 'transactions' && !distinct) measures.pop();
          measures.push(`distinct:${DISTINCT_COLUMN[id] ?? (id === dim.id ? dim.column : id)}`);
          distinct = false;
          break;
        }
        if (!groupBy.includes(id)) groupBy.push(id);
        if (dim.impliesMeasure && pendingAggs.length === 0 && measures.length === 0 && populationMeasures.length === 0) {
          measures.push(dim.impliesMeasure);
          implied = dim.impliesMeasure;
        }
        break;
      }
      case 'value': {
        // "high-velocity traffic", "low fraud score": the adjective describes the column named next, not a risk tier.
        const describesNext = next?.kind === 'column' || (next?.kind === 'measure' && Boolean(MEASURE_COLUMN[next.measure.id]));
        if (/^(high|low|medium)$/.test((m.words ?? []).join(' ')) && describesNext && matches[i + 1]?.start === m.start + 1) break;
        const dimension = piece.value.country && issuer ? 'issuer_country' : piece.value.dimension;
        if (rateNext && !negate && !m.afterOf) {
          measures.push(`rateval:${dimension}=${piece.value.value}`);
          break;
        }
        const existing = filters.find(
          (f): f is Extract<Filter, { kind: 'values' }> => f.kind === 'values' && f.dimension === dimension && !f.negate === !negate,
        );
        if (existing) {
          if (!existing.values.includes(piece.value.value)) existing.values.push(piece.value.value);
        } else filters.push({ kind: 'values', dimension, values: [piece.value.value], ...(negate ? { negate: true } : {}) });
        negate = false;
        break;
      }
      case 'flag': {
        let flag = piece.flag;
        if (negate) {
          const col = flagColumn(flag.sql);
          const other = layer.flags.find((f) => f.id !== flag.id && flagColumn(f.sql) === col);
          if (other) flag = other;
          negate = false;
        }
        if (rateNext) {
          measures.push(`rate:${flag.id}`);
          break;
        }
        flagsSeen.push(flag.id);
        if (!filters.some((f) => f.kind === 'flag' && f.flag === flag.id)) filters.push({ kind: 'flag', flag: flag.id });
        break;
      }
      case 'special':
        break;
      case 'issuer':
        issuer = true;
        break;
      case 'merchant':
        issuer = false;
        // "unique merchants in Brazil": the marker names what is counted.
        if (distinct || (measures.length === 1 && measures[0] === 'transactions' && /^(how many|number of)\b/.test(text))) {
          if (!distinct) measures.shift();
          measures.push('distinct:merchant_id');
          distinct = false;
        }
        break;
    }
  }
  if (
    implied &&
    measures.length > 1 &&
    measures[0] === implied &&
    !spelledList &&
    !measures.some((id) => resolveMeasure(id, layer).format === 'pct')
  ) {
    // "which decline reason costs the most in declined value": the value ranked, still of the declines.
    const flag = layer.flags.find((f) => f.sql === layer.measures.find((x) => x.id === implied)?.filter);
    if (flag && !filters.some((f) => f.kind === 'flag' && f.flag === flag.id)) filters.push({ kind: 'flag', flag: flag.id });
    measures.shift();
  }
  if (nounTransactions && measures.length === 0 && populationMeasures.length === 0 && pendingAggs.length === 0)
    measures.push('transactions');
  // A lone aggregation word with no column ("average by processor") means the amount.
  // "sum of approved EUR payments": a sum of payments, with nothing else measured, is their amount.
  const sumOfRows = nounTransactions && measures.length === 0 && populationMeasures.length === 0;
  for (const fn of pendingAggs) if (fn !== 'sum' || sumOfRows) measures.push(`${fn}:amount`);
  // Both sides of one flag ("weekends vs weekdays", "approved vs declined"): compare them as a breakdown.
  for (const f of [...filters]) {
    if (f.kind !== 'flag') continue;
    const sql = layer.flags.find((x) => x.id === f.flag)?.sql ?? '';
    const col = flagColumn(sql);
    const pair = filters.find(
      (g) => g !== f && g.kind === 'flag' && flagColumn(layer.flags.find((x) => x.id === g.flag)?.sql ?? '') === col,
    );
    // No row is on both sides, so naming both always compares them ("better on weekdays or weekends?").
    if (col && pair) {
      // Every mention of either side goes ("does 3DS help? approval with vs without 3DS").
      for (let k = filters.length - 1; k >= 0; k--) {
        const g = filters[k];
        if (g?.kind === 'flag' && flagColumn(layer.flags.find((x) => x.id === g.flag)?.sql ?? '') === col) filters.splice(k, 1);
      }
      if (!groupBy.includes(col)) groupBy.unshift(col);
    }
  }
  return { measures, groupBy, filters, populationMeasures };
}

/** Splits "what share of X are Y" / "of all X, what percent Y" into the population and the condition. */
const SHARE_OF =
  /^(.*?)\b(?:percent|percentage|share|proportion|fraction|part|portion|ratio) of (.+?) (?:are|were|is|was|comes? from|came from|happen|happens|happened|go|goes|went|use|uses|used|had|have|has|get|gets|got|does|do|did|end up|ended up|took|take|takes|exceed|exceeds|exceeded|fall|falls|fell|cost|costs|coming from|coming in|paid with|paid by|paid using|paid via|made with|made by|made using|made via|made on|made in|processed by|processed on|processed via|processed through|routed to|routed through|routed via|going to|going through|settled in|done with|done on|done via|happening on|happening in) (.+)$/;
const OF_FIRST =
  /^(?:of|among|out of|from) (?:all )?(?:the )?(.+?) (?:what|which|how much|how many)(?: of them)? (?:percent|percentage|share|proportion|fraction|part)(?: of them)? (?:are|were|is|was|did|do|does|had|have|got|get)? ?(.+)$/;

const asFilters = (a: Assembled, layer: SemanticLayer): Filter[] => {
  const out = [...a.filters];
  for (const id of [...a.measures, ...a.populationMeasures]) {
    const m = layer.measures.find((x) => x.id === id);
    const flag = m?.filter ? layer.flags.find((f) => f.sql === m.filter) : undefined;
    if (flag && !out.some((f) => f.kind === 'flag' && f.flag === flag.id)) out.push({ kind: 'flag', flag: flag.id });
  }
  return out;
};

/** Turns a question into a query plan: measures × dimensions × filters × time × ordering, each part parsed on its own. */
export function parseQuestion(question: string, layer: SemanticLayer = semanticLayer, extraValues: ValueSynonym[] = []): ParsedQuestion {
  const { index, vocabulary } = indexFor(layer, extraValues);
  const raw = spellMeasures(question)
    // "Peruvian-issued cards", "US issued debit cards": where the card was issued, not where the merchant is.
    .replace(/\b([A-Z][A-Za-z]*)[- ]issued\b/g, 'issued in $1')
    // "Brazilian issuers", "from Mexican issuing banks": the issuer's country.
    .replace(/\b(?:from )?([A-Z][a-z]+) (?:issuers|issuer|issuing banks?|card issuers)\b/g, 'issued in $1')
    .replace(/\bUS\b/g, 'united states')
    .replace(/\bUK\b/g, 'united kingdom')
    .replace(/(?<!\b(?:in|from|at|of|issued in|to)\s)\bAR\b/g, 'approval rate');
  const { text: typed, corrected } = correctTypos(prepareText(listedOutcomes(raw)), vocabulary, capitalisedWords(question));
  let text = typed;
  for (const [re, to] of REWRITES) text = text.replace(re, to as never);
  text = wordFamilies(placeRoles(text, layer));
  // Measures the question spells out as a list ("transactions, declines, avg latency", "how many merchants and how many
  // txns") are each shown, the plain transaction count included.
  // "compare Elo and Discover on average ticket and approval rate": the measures after "on" are a list too.
  const spelledList =
    /\w\s*,[^,]+(?:,|\band\b)/.test(raw) ||
    /:[^:]*\w\s*,\s*\w/.test(raw) ||
    /\bhow many\b.*\band how many (?:transactions|payments)\b/.test(text) ||
    /\b(?:compare|compared|comparing|stack up|stacks up|differ)\b.* on (?:the )?[a-z ]+ and [a-z ]+$/.test(text);
  const followUp = FOLLOW_UP_START.test(text);
  const replaceGroupBy = /\b(instead|switch|rather than)\b/.test(text);

  const moved = merchantChange(text);
  if (moved) return { intent: moved, unknownWords: [], corrected, followUp, replaceGroupBy };
  const { periods, named } = readPeriods(text, layer);
  const compare = named.grain ? undefined : periods.compare;
  const { time, grain: timeGrain, rest: afterTime } = compare ? { time: undefined, grain: undefined, rest: periods.rest } : named;
  // "late night vs the rest": one side of a flag against its complement (the phrase itself is read here, not matched).
  const againstRest = /\b(?:vs|versus|compared (?:to|with)|against|relative to) the rest\b/.test(afterTime);
  const numbers = extractNumbers(afterTime.replace(/\b(vs|versus|compared (?:to|with)|against|relative to) the rest\b/, ' '));
  let working = numbers.rest;

  let order = periods.order;
  // "which 5 merchants improved the most": the count of a ranked change.
  const rankedN = order ? /\b(?:which|top|bottom|the) (\d{1,3})\b/.exec(working) : null;
  if (order && rankedN) {
    order = { ...order, limit: Math.max(1, Math.min(Number(rankedN[1]), 1000)) };
    working = working.replace(rankedN[0], rankedN[0].replace(/ \d+$/, ''));
  }
  const chrono = chronological(working);
  working = chrono.rest;
  const sorted = order ? null : SORT_RE.exec(working);
  if (sorted) {
    order = { direction: sortDirection(sorted), limit: 1000, word: 'sorted' };
    working = working.replace(sorted[0], ' ');
  }
  const orderMatch = order ? null : ORDER_RE.exec(working);
  if (orderMatch) {
    const word = ORDER_WORDS[orderMatch[1] ?? 'top'] ?? 'top';
    const bare = /\b(\d{1,3})\b/.exec(working.replace(orderMatch[0], ' '));
    const single =
      /\b(which|what) \w+( \w+)? (has|had|is|was|have|gives?|accounts?|shows?|sees?|saw|got|gets|did|does)\b|^(which|what)\b/.test(working);
    // "top merchant" (a singular noun right after) is one row; "top merchants", "top decline reasons" a list.
    const singularAfter = new RegExp(
      `\\b${orderMatch[0]} (?!\\w+s\\b)(merchant|processor|country|network|segment|channel|reason|day|hour|week|card|brand|issuer)\\b`,
    );
    const listWord =
      (/^(top|bottom)$/.test(orderMatch[1] ?? '') && !singularAfter.test(working)) ||
      /\b(merchants|processors|countries|networks|segments|channels|reasons|days|hours|weeks)\b/.test(working);
    const n = orderMatch[2] ? Number(orderMatch[2]) : bare ? Number(bare[1]) : single ? 1 : listWord ? 10 : 1;
    order = { direction: word === 'bottom' ? 'asc' : 'desc', limit: Math.max(1, Math.min(n, 1000)), word };
    working = working.replace(orderMatch[0], ' ').replace(bare ? new RegExp(`\\b${bare[1]}\\b`) : /$^/, ' ');
  }
  // "slowest", "busiest" carry their measure when the question names none.
  const impliedByOrder =
    orderMatch?.[1] === 'slowest' || orderMatch?.[1] === 'fastest'
      ? 'avg_latency'
      : orderMatch?.[1] === 'busiest' || orderMatch?.[1] === 'quietest'
        ? 'transactions'
        : undefined;
  if (order && numbers.minVolume) order = { ...order, minVolume: numbers.minVolume, volumeStated: true };

  // The window asked about, in days back from the newest event (a named gold view answers only for the window it covers).
  const windowDays = compare || (time && time.kind !== 'days') ? Number.POSITIVE_INFINITY : time ? (time.n ?? 1) : undefined;
  const gold = planGold(working, order && { direction: order.direction, limit: order.limit }, layer, windowDays);
  if (gold) {
    const { unknown } = matchPieces(gold.rest, index);
    return { intent: { gold: gold.plan }, unknownWords: unknown, corrected, followUp, replaceGroupBy };
  }

  let shareOf: Filter[] | undefined;
  let intentParts: Assembled;
  const unknownWords: string[] = [...numbers.unplaced];
  const shareText = SHARE_OF.test(afterTime) || OF_FIRST.test(afterTime) ? afterTime : undefined;
  const share = shareText ? (SHARE_OF.exec(shareText) ?? OF_FIRST.exec(shareText)) : null;
  let numericFilters = numbers.filters;
  if (share) {
    const [lead, population0, condition0] = SHARE_OF.test(shareText ?? '')
      ? [share[1] ?? '', share[2] ?? '', share[3] ?? '']
      : ['', share[1] ?? '', share[2] ?? ''];
    const popNumbers = extractNumbers(population0);
    const condNumbers = extractNumbers(condition0);
    const population = popNumbers.rest;
    const condition = condNumbers.rest;
    numericFilters = popNumbers.filters;
    const pop = matchPieces(`${lead} ${population}`, index);
    const cond = matchPieces(condition, index);
    unknownWords.push(...pop.unknown, ...cond.unknown);
    const asFlag = (m: Match): Match => {
      if (m.piece.kind !== 'dimension') return m;
      const said = (m.words ?? []).join(' ');
      const flag = layer.flags.find((f) => f.phrases.some((ph) => normalise(ph) === said));
      return flag ? { ...m, piece: { kind: 'flag', flag } as Piece } : m;
    };
    const p = assemble(
      pop.matches.map((m) => ({ ...asFlag(m), afterOf: false })),
      layer,
      population,
    );
    const c = assemble(cond.matches, layer, condition);
    let condFilters = [...asFilters(c, layer), ...condNumbers.filters];
    const p0 = condFilters[0];
    // "what % of transactions are approved with a network token": the outcome is the condition, the rest narrows the population.
    const outcome = condFilters.length > 1 && p0?.kind === 'flag' && /^(approved|declined|fraud)$/.test(p0.flag);
    // "declined because the card expired": the reason is part of the decline, not a narrowing of the population.
    const ofOutcome = (f: Filter) =>
      p0?.kind === 'flag' && p0.flag === 'declined' && f.kind === 'values' && f.dimension === 'decline_reason';
    const narrowing = outcome ? condFilters.slice(1).filter((f) => !ofOutcome(f)) : [];
    if (outcome) condFilters = [p0, ...condFilters.slice(1).filter(ofOutcome)];
    const base =
      p.measures.find((id) => id === 'value' || id === 'approved_value' || id === 'declined_value' || id === 'fraud_loss') ??
      p.measures[0] ??
      'transactions';
    const popFilters = [...asFilters({ ...p, measures: p.measures.filter((id) => id !== base) }, layer), ...narrowing];
    // "comes from the Retail segment": the segment named is the condition's value, not a breakdown.
    const condGroups = c.groupBy.filter((g) => !condFilters.some((f) => f.kind === 'values' && f.dimension === g));
    if (condFilters.length > 0) {
      shareOf = condFilters;
      intentParts = { measures: [base], groupBy: [...p.groupBy, ...condGroups], filters: popFilters, populationMeasures: [] };
    } else
      intentParts = { measures: [`share:${base}`], groupBy: [...p.groupBy, ...condGroups], filters: popFilters, populationMeasures: [] };
  } else {
    const found = matchPieces(working, index, spelledList);
    unknownWords.push(...found.unknown);
    const special = found.matches.find((m) => m.piece.kind === 'special')?.piece;
    if (special?.kind === 'special') {
      // "merchants whose approval rate fell more than 5 points": the change must exceed that size.
      const min =
        /\b(?:by )?(?:more than|over|above|at least|beyond|greater than) (\d+(?:\.\d+)?) ?(?:points|pp|percentage points|percent points)\b/.exec(
          text,
        );
      const placed = min ? unknownWords.filter((w) => w !== min[1] && w !== 'points') : unknownWords;
      const intent = { special: special.special.id, ...(min ? { specialMin: Number(min[1]) } : {}) };
      return { intent, unknownWords: placed, corrected, followUp, replaceGroupBy };
    }
    intentParts = assemble(found.matches, layer, working, spelledList);
    // In a follow-up, "split it by", "break that down by" add a grouping; only a share word asks for the mix.
    const wantsMix =
      (followUp ? /\b(mix|share|shares|percent|percentage|proportion|contribution)\b/ : MIX_WORDS).test(working) &&
      intentParts.groupBy.length > 0 &&
      !intentParts.measures.some((id) => /^(rate|rateval):/.test(id));
    const countish = [...new Set([...intentParts.measures, ...intentParts.populationMeasures])];
    // Only what adds up across groups (a count, a sum) has a share of the total: "split retry success rate by attempt" is the rate.
    const adds = (id: string) =>
      !/rate|avg|^q\d|share/.test(id) && (!layer.measures.some((m) => m.id === id) || measureKind(resolveMeasure(id, layer)) !== 'other');
    if (wantsMix && countish.length <= 1 && countish.every(adds)) {
      const base = countish[0] ?? 'transactions';
      intentParts = { ...intentParts, measures: [`share:${base}`], populationMeasures: [] };
    }
  }
  const filters = [...intentParts.filters, ...numericFilters];
  // "high-velocity traffic (velocity score above 0.8): how many, their approval rate": the column names the filter, not a measure.
  if (intentParts.measures.length > 1 && !/\b(average|mean|p\d{1,2}|min|max|minimum|maximum|sum|total)\b/.test(working)) {
    const filtered = new Set(numericFilters.map((f) => (f.kind === 'number' ? f.column : '')));
    intentParts = {
      ...intentParts,
      measures: intentParts.measures.filter(
        (id) => !filtered.has(/^avg:/.test(id) ? id.slice(4) : /^avg_/.test(id) ? (MEASURE_COLUMN[id] ?? '') : ''),
      ),
    };
  }
  const groupBy = [...intentParts.groupBy];
  for (const grain of [periods.grain, timeGrain]) if (grain && !groupBy.includes(grain)) groupBy.push(grain);
  // One calendar grain: "monthly approval rate trend" is by month, not by month and day.
  const grains = groupBy.filter((g) => ['hour_ts', 'event_date', 'week', 'month'].includes(g));
  if (grains.length > 1 && /\btrends?\b/.test(text)) groupBy.splice(groupBy.indexOf('event_date'), groupBy.includes('event_date') ? 1 : 0);
  // Two or more values of one dimension ("Visa vs Mastercard") is a comparison: group by it.
  for (const f of filters)
    if (f.kind === 'values' && f.values.length > 1 && !f.negate && !groupBy.includes(f.dimension)) groupBy.unshift(f.dimension);
  if (againstRest) {
    const sides = filters.filter((f) => f.kind === 'flag');
    const col =
      sides.length === 1 && sides[0]?.kind === 'flag' ? flagColumn(layer.flags.find((x) => x.id === sides[0]?.flag)?.sql ?? '') : undefined;
    if (col && !groupBy.includes(col)) groupBy.unshift(col);
  }
  // A ranking needs something to rank: "top 3 … merchants in Chile" ranks merchants.
  if (order && groupBy.length === 0 && /\bmerchants\b/.test(working)) groupBy.push('merchant');
  const finalGroupBy = groupBy.filter(
    (g) => !filters.some((f) => f.kind === 'values' && f.dimension === g && f.values.length === 1 && !f.negate),
  );
  // "monthly approval rate trend": the grain named says how the trend is cut; "trend" alone would add days.
  if (/\b(trend|trends|over time|time series)\b/.test(working) && finalGroupBy.includes('event_date')) {
    const grains = finalGroupBy.filter((g) => g !== 'event_date' && layer.dimensions.find((d) => d.id === g)?.time);
    if (grains.length > 0) finalGroupBy.splice(finalGroupBy.indexOf('event_date'), 1);
  }
  // A flag that is a breakdown ("with vs without 3DS") is not also a filter on one of its sides.
  for (let k = filters.length - 1; k >= 0; k--) {
    const f = filters[k];
    const col = f?.kind === 'flag' ? flagColumn(layer.flags.find((x) => x.id === f.flag)?.sql ?? '') : undefined;
    if (col && finalGroupBy.includes(col)) filters.splice(k, 1);
  }
  const shaped = shapeComparison(compare, time, finalGroupBy);
  let measures = bothVolumes(text, resolveMeasures(intentParts.measures, intentParts.populationMeasures, filters, layer, spelledList));
  // Groups of different sizes are judged by rates: "worst hour for approvals", "is fraud higher on weekends than weekdays",
  // "tokenised vs non tokenised approvals" compare the approval or fraud rate, not the counts.
  const judged =
    order?.word === 'best' ||
    order?.word === 'worst' ||
    (finalGroupBy.some((g) => /^(is|uses)_/.test(g)) &&
      (/\b(higher|lower|more likely|less likely|better|worse|vs|versus)\b/.test(working) || MORE_THAN.test(working))) ||
    (filters.some((f) => f.kind === 'values' && f.values.length > 1) &&
      (/\b(higher|lower|more likely|less likely|better|worse)\b/.test(working) || MORE_THAN.test(working)));
  // "which outcome approves more often": a count of transactions with one outcome is that outcome's count.
  const outcomeFlag = filters.find((f) => f.kind === 'flag' && /^(approved|declined|fraud)$/.test(f.flag));
  const counted =
    measures.length <= 1 && (measures[0] ?? 'transactions') === 'transactions' && outcomeFlag?.kind === 'flag'
      ? { approved: 'approvals', declined: 'declines', fraud: 'fraud_count' }[outcomeFlag.flag]
      : measures[0];
  if (judged && measures.length <= 1 && OUTCOME_RATE[counted ?? ''] && finalGroupBy.length > 0) {
    const rate = OUTCOME_RATE[counted ?? ''] ?? '';
    measures = [rate];
    const flag = { approval_rate: 'approved', decline_rate: 'declined', fraud_rate: 'fraud' }[rate];
    for (let k = filters.length - 1; k >= 0; k--) {
      const f = filters[k];
      if (f?.kind === 'flag' && f.flag === flag) filters.splice(k, 1);
    }
  }
  if (measures.length === 0 && impliedByOrder) measures = [impliedByOrder];
  // "fastest on average": the order word names the column a lone aggregation word is about.
  if (
    impliedByOrder === 'avg_latency' &&
    measures.length > 0 &&
    measures.every((id) => /^(avg|q\d{1,2}|min|max):amount$/.test(id)) &&
    !/\b(amount|ticket|value|size|spend)/.test(working)
  )
    measures = measures.map((id) => id.replace(/:amount$/, ':processing_latency_ms'));
  // "how much did Acme Books process": with no measure named, "how much" asks for the value.
  if (measures.length === 0 && !share && /^how much\b/.test(text)) measures = ['value'];
  if (order && !order.minVolume && finalGroupBy.some((g) => g === 'merchant') && measures.some((id) => isRatio(id, layer))) {
    order = { ...order, minVolume: 100 };
  }
  const having =
    groupThreshold(numbers, measures, finalGroupBy, unknownWords, text, layer) ??
    zeroGroups(text, measures, finalGroupBy, filters, unknownWords, layer);
  if (having) {
    measures = [having.measure];
    finalGroupBy.splice(0, finalGroupBy.length, having.dimension);
  }
  const extra = { ...(having ? { having: having.having } : {}), ...(chrono.newestFirst ? { newestFirst: true } : {}) };
  return {
    intent: {
      measures,
      groupBy: finalGroupBy,
      filters,
      order,
      shareOf,
      ...shaped,
      ...extra,
      ...(asksTopShare(text, measures, finalGroupBy, order) ? { topShare: true } : {}),
    },
    unknownWords,
    corrected,
    followUp,
    replaceGroupBy,
  };
}
