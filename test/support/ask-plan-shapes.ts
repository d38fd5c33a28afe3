/** One question per plan shape the offline Ask engine writes, for the tests that run Ask on a warehouse. */
export const ASK_PLAN_SHAPES: Record<string, string> = {
  count: 'How many transactions in the last 7 days?',
  'rate by dimension': 'fraud rate by merchant segment',
  percentile: 'p95 latency by processor',
  'period over period': 'approval rate this week vs last week',
  'top-N': 'Show me top 5 decline reasons',
  'time series': 'daily approval rate for the last 7 days',
  comparison: 'Compare Visa vs Mastercard performance',
  trend: 'Which merchants have declining trends?',
  'top groups share': 'Share of approved value from our 5 biggest merchants',
  'shares of two measures': 'what share of TPV comes from each segment',
  'conditional shares of two measures': 'what share of TPV is cross-border',
  'single transactions listed': 'the 5 largest approved ecommerce payments with a fraud score over 0.9',
  'gold view summed over its other keys': 'Which decline reason has the most potential recovery value?',
};
