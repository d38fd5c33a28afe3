/**
 * One colour per category value, the same on every dashboard, widget, filter state, bundle and export.
 * Known values of the schema have fixed colours (risk levels semantic: HIGH red … LOW green); any other
 * value gets a colour from its text, so it too keeps its colour when filters change which rows appear.
 */

const BLUE = '#3b7dd8';
const ORANGE = '#c4661f';
const GREEN = '#2f9e6e';
const PURPLE = '#8e5bb5';
const GOLD = '#c9a227';
const ROSE = '#d9577a';
const CYAN = '#3ba7c4';
const GREY = '#7f8c8d';
const OLIVE = '#7a9a3a';
const BROWN = '#9c6b4e';

/** Colours for values that have none of their own (each reads on both themes). */
export const PALETTE = [ORANGE, BLUE, GREEN, PURPLE, GOLD, ROSE, CYAN, GREY, OLIVE, BROWN];

/** Semantic colours: bad news red, caution amber, good news green. */
export const SEMANTIC = { critical: '#a61b1b', bad: '#d64541', caution: '#e0a526', fine: '#7fb77e', good: '#2f9e6e', neutral: '#7f8c8d' };

const KNOWN: Record<string, string> = {
  // Risk tiers and rule levels (SPEC §2): the colour says how worried to be.
  CRITICAL: SEMANTIC.critical,
  HIGH: SEMANTIC.bad,
  MEDIUM: SEMANTIC.caution,
  LOW: SEMANTIC.good,
  MINIMAL: SEMANTIC.fine,
  // 3DS outcomes and decline kinds.
  frictionless: SEMANTIC.good,
  challenge_passed: SEMANTIC.fine,
  challenge_failed: SEMANTIC.bad,
  not_attempted: SEMANTIC.neutral,
  soft: SEMANTIC.caution,
  hard: SEMANTIC.bad,
  Approved: SEMANTIC.good,
  Declined: SEMANTIC.bad,
  // Card networks.
  Visa: BLUE,
  Mastercard: ORANGE,
  Amex: CYAN,
  Elo: GOLD,
  Discover: PURPLE,
  // Processors (the routing choice).
  ProcessorA: BLUE,
  ProcessorB: ORANGE,
  ProcessorC: GREEN,
  // Merchant segments.
  Retail: BLUE,
  Travel: CYAN,
  Gaming: PURPLE,
  'Digital Goods': ROSE,
  'Food Delivery': ORANGE,
  Subscriptions: GOLD,
  Marketplace: GREEN,
  Utilities: GREY,
  // Channels and payment solutions.
  ecommerce: BLUE,
  mobile_app: PURPLE,
  pos: GREEN,
  recurring: GOLD,
  Checkout: BLUE,
  Wallet: PURPLE,
  'Payment Link': CYAN,
  Recurring: GOLD,
  'POS Terminal': GREEN,
  // Countries.
  BR: GREEN,
  US: BLUE,
  MX: ORANGE,
  AR: CYAN,
  CL: ROSE,
  CO: GOLD,
  PE: BROWN,
  GB: PURPLE,
  ES: OLIVE,
  DE: GREY,
};

/** A stable hash (FNV-1a) of a value's text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The colour of a category value, independent of which other values are on screen. */
export function categoryColor(value: unknown): string {
  const text = value === null || value === undefined ? 'null' : String(value);
  return KNOWN[text] ?? PALETTE[hash(text) % PALETTE.length]!;
}

/** Whether a value has a colour of its own (so a series named after it is coloured by it). */
export function hasKnownColor(value: string): boolean {
  return value in KNOWN;
}

/** A series' colour: its own when named after a known category (ProcessorA, Approved), else by position. */
export function seriesColor(label: string, index: number): string {
  return KNOWN[label] ?? PALETTE[index % PALETTE.length]!;
}
