import { quoteLiteral } from '../../shared/sql/quote';

/**
 * The simulator's vocabulary: every category value of SPEC §1. The pipeline stores these
 * columns as DuckDB ENUM types (one byte each, no per-row strings); the order here is the
 * enum order, so the generator picks values by index.
 */
export const CATEGORIES = {
  segment_t: ['Retail', 'Travel', 'Gaming', 'Digital Goods', 'Food Delivery', 'Subscriptions', 'Marketplace', 'Utilities'],
  country_t: ['BR', 'US', 'MX', 'AR', 'CL', 'CO', 'PE', 'GB', 'ES', 'DE'],
  network_t: ['Visa', 'Mastercard', 'Amex', 'Elo', 'Discover'],
  card_type_t: ['credit', 'debit', 'prepaid'],
  channel_t: ['ecommerce', 'mobile_app', 'pos', 'recurring'],
  solution_t: ['Checkout', 'Wallet', 'Payment Link', 'Recurring', 'POS Terminal'],
  processor_t: ['ProcessorA', 'ProcessorB', 'ProcessorC'],
  currency_t: ['BRL', 'USD', 'MXN', 'ARS', 'CLP', 'COP', 'PEN', 'GBP', 'EUR'],
  three_ds_t: ['frictionless', 'challenge_passed', 'challenge_failed', 'not_attempted'],
  decline_reason_t: [
    'insufficient_funds',
    'do_not_honor',
    'suspected_fraud',
    'expired_card',
    'invalid_cvv',
    'issuer_unavailable',
    'limit_exceeded',
    'restricted_card',
    'processing_error',
    'authentication_failed',
  ],
  response_code_t: ['00', '51', '05', '59', '54', 'N7', '91', '61', '62', '96', '1A'],
  risk_tier_t: ['LOW', 'MEDIUM', 'HIGH'],
  amount_bucket_t: ['micro', 'small', 'medium', 'large'],
  rule_risk_level_t: ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'],
} as const;

export type CategoryType = keyof typeof CATEGORIES;

/** Soft declines: the issuer may say yes later, so a retry can recover them (SPEC §1). */
export const SOFT_DECLINES = ['insufficient_funds', 'do_not_honor', 'issuer_unavailable', 'processing_error', 'limit_exceeded'] as const;

/** `CREATE TYPE` statements for every category; values are compile-time constants, quoted by one helper. */
export function enumTypeStatements(): string[] {
  return Object.entries(CATEGORIES).map(
    ([name, values]) => `CREATE TYPE IF NOT EXISTS ${name} AS ENUM (${values.map(quoteLiteral).join(', ')})`,
  );
}
