import { DEFAULT_TRAIN_SETTINGS, type FeatureSpec, type ModelName } from '../../shared/models/schema';
import { CATEGORIES } from '../simulator/catalog';
import approvalSql from './sql/approval_propensity.sql?raw';
import riskSql from './sql/risk_scoring.sql?raw';
import routingSql from './sql/smart_routing.sql?raw';
import retrySql from './sql/smart_retry.sql?raw';
import type { BoostParams } from './gbdt';

/** How one of the four models is built: its inputs, label, SQL over silver and boosting settings. */
export interface ModelDefinition {
  name: ModelName;
  /** One SELECT over a CTE named `silver`; columns transaction_id, event_timestamp, amount_value, label, then the features. */
  sql: string;
  label: string;
  classes: string[];
  positiveClass: string | null;
  /** Feature specs before the training data sets ranges and typical values. */
  features: Omit<FeatureSpec, 'typical'>[];
  /** Silver rows this model scores (a filter the sample and cohort queries add). */
  eligible: string;
  params: BoostParams;
}

// The category values are the SPEC's, as the simulator stores them (same order, so the same codes).
const SEGMENTS = [...CATEGORIES.segment_t];
export const COUNTRIES = [...CATEGORIES.country_t];
const NETWORKS = [...CATEGORIES.network_t];
const CARD_TYPES = [...CATEGORIES.card_type_t];
const CHANNELS = [...CATEGORIES.channel_t];
const THREE_DS = [...CATEGORIES.three_ds_t];
const PROCESSORS = [...CATEGORIES.processor_t];
export const DECLINE_REASONS = [...CATEGORIES.decline_reason_t];

const score = (name: string, what: string): Omit<FeatureSpec, 'typical'> => ({ name, type: 'number', min: 0, max: 1, description: what });
const cat = (name: string, categories: string[], what: string): Omit<FeatureSpec, 'typical'> => ({
  name,
  type: 'category',
  categories,
  description: what,
});
const bool = (name: string, what: string): Omit<FeatureSpec, 'typical'> => ({ name, type: 'boolean', description: what });
const amount: Omit<FeatureSpec, 'typical'> = {
  name: 'amount',
  type: 'number',
  min: 0.01,
  description: 'Transaction amount (the upper bound comes from the training data).',
};

const params = (over: Partial<BoostParams> = {}): BoostParams => ({
  rounds: 60,
  learningRate: 0.2,
  maxDepth: 6,
  minChildWeight: 5,
  lambda: 1,
  rowsPerRound: 60_000,
  seed: 7,
  ...over,
});

export const DEFINITIONS: Record<ModelName, ModelDefinition> = {
  approval_propensity: {
    name: 'approval_propensity',
    sql: approvalSql,
    label:
      'is_approved of the attempt ("approved" / "declined"). Outcome columns (decline_reason, response_code, latency, is_fraud) are not inputs.',
    classes: ['declined', 'approved'],
    positiveClass: 'approved',
    eligible: 'is_approved IS NOT NULL',
    features: [
      amount,
      score('fraud_score', 'Fraud score from the risk engine, 0..1.'),
      cat('merchant_segment', SEGMENTS, 'Merchant segment.'),
      cat('card_network', NETWORKS, 'Card network.'),
      bool('uses_3ds', '3-D Secure was used.'),
      bool('is_network_token', 'Paid with a network token.'),
      cat('card_type', CARD_TYPES, 'Card type.'),
      cat('channel', CHANNELS, 'Sales channel.'),
      cat('three_ds_outcome', THREE_DS, 'Outcome of 3-D Secure.'),
      bool('is_cross_border', 'Issuer country differs from merchant country.'),
      cat('issuer_country', COUNTRIES, 'Country of the card issuer.'),
      cat('processor', PROCESSORS, 'Processor the attempt was routed to.'),
      score('device_trust_score', 'Device trust, 0..1 (1 = trusted).'),
      score('velocity_score', 'Velocity score, 0..1.'),
      { name: 'retry_attempt', type: 'integer', min: 0, max: 10, description: '0 for a first attempt, 1.. for retries.' },
    ],
    params: params(DEFAULT_TRAIN_SETTINGS.approval_propensity),
  },
  risk_scoring: {
    name: 'risk_scoring',
    sql: riskSql,
    label:
      'risk_tier (LOW / MEDIUM / HIGH), predicted without fraud_score or anything derived from it: risk_tier is a fixed function of fraud_score, so taking it as an input would be leakage.',
    classes: ['LOW', 'MEDIUM', 'HIGH'],
    positiveClass: 'HIGH',
    eligible: "risk_tier IN ('LOW', 'MEDIUM', 'HIGH')",
    features: [
      amount,
      score('aml_risk_score', 'AML risk score, 0..1.'),
      score('device_trust_score', 'Device trust, 0..1 (1 = trusted).'),
      score('velocity_score', 'Velocity score, 0..1.'),
      bool('is_cross_border', 'Issuer country differs from merchant country.'),
      cat('card_type', CARD_TYPES, 'Card type.'),
      cat('channel', CHANNELS, 'Sales channel.'),
      cat('merchant_segment', SEGMENTS, 'Merchant segment.'),
      bool('uses_3ds', '3-D Secure was used.'),
      cat('three_ds_outcome', THREE_DS, 'Outcome of 3-D Secure.'),
      bool('is_network_token', 'Paid with a network token.'),
      { name: 'event_hour', type: 'integer', min: 0, max: 23, description: 'Hour of day, 0..23.' },
    ],
    params: params(DEFAULT_TRAIN_SETTINGS.risk_scoring),
  },
  smart_routing: {
    name: 'smart_routing',
    sql: routingSql,
    label:
      'The processor with the best smoothed approval rate for the card network x issuer country, measured separately in the training and the holdout window (the holdout label comes from holdout outcomes only).',
    classes: PROCESSORS,
    positiveClass: null,
    eligible: 'processor IS NOT NULL AND is_approved IS NOT NULL',
    features: [
      cat('card_network', NETWORKS, 'Card network.'),
      amount,
      cat('merchant_segment', SEGMENTS, 'Merchant segment.'),
      cat('issuer_country', COUNTRIES, 'Country of the card issuer (geography).'),
      cat('merchant_country', COUNTRIES, 'Country of the merchant (geography).'),
      { name: 'event_hour', type: 'integer', min: 0, max: 23, description: 'Hour of day (time of day), 0..23.' },
    ],
    params: params(DEFAULT_TRAIN_SETTINGS.smart_routing),
  },
  smart_retry: {
    name: 'smart_retry',
    sql: retrySql,
    label:
      'is_approved of a retry ("recovered" / "not_recovered"); should_retry = recovered is likely, and the recommended wait is the time_since_decline that maximises it.',
    classes: ['not_recovered', 'recovered'],
    positiveClass: 'recovered',
    eligible: 'is_retry AND is_approved IS NOT NULL',
    features: [
      cat('decline_reason', DECLINE_REASONS, 'Reason of the decline being retried.'),
      amount,
      score('fraud_score', 'Fraud score, 0..1.'),
      { name: 'previous_attempts', type: 'integer', min: 1, max: 10, description: 'Attempts before this one (1 = first retry).' },
      { name: 'time_since_decline', type: 'integer', min: 0, max: 7 * 86_400, description: 'Seconds between the decline and this retry.' },
      cat('card_type', CARD_TYPES, 'Card type.'),
      cat('merchant_segment', SEGMENTS, 'Merchant segment.'),
      bool('is_cross_border', 'Issuer country differs from merchant country.'),
    ],
    params: params(DEFAULT_TRAIN_SETTINGS.smart_retry),
  },
};

/** Waits (seconds) the retry model tries when it recommends one. */
export const RETRY_WAITS = [0, 30, 60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 172_800];

/** Training needs at least this many rows in each window. */
export const MIN_TRAIN_ROWS = 500;
export const MIN_HOLDOUT_ROWS = 100;
