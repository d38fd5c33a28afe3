/**
 * "top 5 merchants whose approval rate improved the most week over week", "which merchants lost more than 2 points of
 * approval rate WoW": the week-over-week change per merchant is a metric the gold layer defines
 * (v_merchant_performance.approval_rate_change_pp: the 7 days ending on the newest event's date against the 7 before),
 * and the merchant dashboards show it; Ask answers from the same column so both say the same. A question that adds
 * anything else (a country, a segment) is left to the general parser; a volume floor is on the view's transactions.
 */

const MERCHANTS = /\bmerchants?\b/;
const RATE = /\b(?:approval|acceptance|authori[sz]ation|auth) rates?\b/;
/** "trending down week on week": a merchant's trend is its approval rate's, as the dashboards show it. */
const TREND = /\btrend\w* (?:down|up)(?:wards?)?\b/;
const WEEK_OVER_WEEK = /\b(?:week over week|wow|week on week|this week vs last week)\b/;
const UP = /\b(?:improv\w*|gain\w*|rose|rise|risen|rising|increas\w*|grew|grow\w*|climb\w*|jump\w*|better)\b/;
const DOWN = /\b(?:drop\w*|fell|fall\w*|lost|los(?:e|es|ing)|declin\w*|decreas\w*|worse\w*|slipp?\w*|slid|deteriorat\w*)\b/;
const SIZE =
  /\b(?:by )?(?:more than|over|above|at least|beyond|greater than) (\d+(?:\.\d+)?) ?(?:points?|pp|pts|percentage points?|percent points?)\b/;
/** "merchants with 1000+ txns": the view's transactions over all data. */
const VOLUME = /\b(?:with )?(?:at least |over |more than )?(\d[\d,]*)\+? (?:or more )?(?:txns|transactions|payments)\b/;
const COUNT = /\b(?:top|which|the|first|show|list) (\d{1,3})\b|\b(\d{1,3}) merchants\b|\btop (\d{1,3})\s*$/;
/** Every other word such a question may hold: the rest must be only these, or the question is not this one. */
const ALLOWED = new Set(
  (
    'which what who show me list give tell the a an top most biggest largest greatest steepest sharpest their its his her of in by ' +
    'have has had did do does saw see seen see were was are is that whose with than over points point pp pts percentage percent ' +
    'merchant merchants approval acceptance authorisation authorization auth rate rates week wow on change changes changed ' +
    'improvement improvements increase decrease drop drops gain gains movers mover up down please pls the only are been'
  ).split(' '),
);

export interface MerchantChange {
  special: 'improving_merchants' | 'declining_merchants';
  specialMin?: number;
  specialLimit?: number;
  specialVolume?: number;
  specialCount?: boolean;
}

/** The merchant change a question asks for, or undefined when it asks anything more. */
export function merchantChange(text: string): MerchantChange | undefined {
  if (!MERCHANTS.test(text) || !(RATE.test(text) || TREND.test(text)) || !WEEK_OVER_WEEK.test(text)) return undefined;
  const up = UP.exec(text) ?? /\btrend\w* up/.exec(text);
  const down = DOWN.exec(text) ?? /\btrend\w* down/.exec(text);
  const counted = /^(?:how many|number of|count of|count the)\b/.test(text);
  if (Boolean(up) === Boolean(down)) return undefined;
  const size = SIZE.exec(text);
  const volume = VOLUME.exec(text);
  const count = COUNT.exec(text.replace(VOLUME, ' '));
  const n = count ? Number(count[1] ?? count[2] ?? count[3]) : undefined;
  // "which merchant improved the most": one; "which merchants improved the most": every one that improved, best first.
  const one = !n && !size && /\b(?:the )?most\b/.test(text) && !/\bmerchants\b/.test(text);
  const rest = text
    .replace(SIZE, ' ')
    .replace(VOLUME, ' ')
    .replace(COUNT, ' ')
    .replace(WEEK_OVER_WEEK, ' ')
    .replace(up ? UP : DOWN, ' ')
    .replace(/\btrend\w* (?:down|up)(?:wards?)?\b|^(?:how many|number of|count of|count the)\b/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !ALLOWED.has(w));
  if (rest.length > 0) return undefined;
  const limit = n ?? (one ? 1 : undefined);
  return {
    special: up ? 'improving_merchants' : 'declining_merchants',
    ...(size ? { specialMin: Number(size[1]) } : {}),
    ...(volume ? { specialVolume: Number((volume[1] ?? '').replace(/,/g, '')) } : {}),
    ...(limit && !counted ? { specialLimit: Math.min(limit, 1000) } : {}),
    ...(counted ? { specialCount: true } : {}),
  };
}
