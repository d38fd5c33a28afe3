/** The event columns of SPEC §1 in order, with the type bronze stores them as. */
export const EVENT_COLUMNS: readonly (readonly [name: string, type: string])[] = [
  ['transaction_id', 'VARCHAR'],
  ['event_timestamp', 'TIMESTAMP'],
  ['merchant_id', 'VARCHAR'],
  ['merchant_name', 'VARCHAR'],
  ['merchant_segment', 'segment_t'],
  ['merchant_country', 'country_t'],
  ['issuer_country', 'country_t'],
  ['card_network', 'network_t'],
  ['card_type', 'card_type_t'],
  ['channel', 'channel_t'],
  ['payment_solution', 'solution_t'],
  ['processor', 'processor_t'],
  ['amount', 'DECIMAL(12, 2)'],
  ['currency', 'currency_t'],
  ['uses_3ds', 'BOOLEAN'],
  ['three_ds_outcome', 'three_ds_t'],
  ['is_network_token', 'BOOLEAN'],
  ['fraud_score', 'DOUBLE'],
  ['aml_risk_score', 'DOUBLE'],
  ['device_trust_score', 'DOUBLE'],
  ['velocity_score', 'DOUBLE'],
  ['is_approved', 'BOOLEAN'],
  ['decline_reason', 'decline_reason_t'],
  ['response_code', 'response_code_t'],
  ['is_retry', 'BOOLEAN'],
  ['retry_attempt', 'INTEGER'],
  ['original_transaction_id', 'VARCHAR'],
  ['seconds_since_decline', 'INTEGER'],
  ['processing_latency_ms', 'INTEGER'],
  ['is_fraud', 'BOOLEAN'],
];

export const EVENT_COLUMN_NAMES = EVENT_COLUMNS.map(([name]) => name);

/** Columns a recorded file may leave out (they are NULL for first attempts anyway). */
export const OPTIONAL_COLUMNS = new Set(['decline_reason', 'original_transaction_id', 'seconds_since_decline']);

/** An enum column is read as text and checked against the enum when staged. */
export function isEnumType(type: string): boolean {
  return type.endsWith('_t');
}
