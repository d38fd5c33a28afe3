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
  'same days a week earlier': 'declines since Monday compared to the same days the previous week',
  'merchant change ranking': 'top 5 merchants whose approval rate improved the most week over week',
  'merchant change count': 'how many merchants with 100+ txns lost more than 2 points of approval rate week over week?',
  'series newest first': 'monthly approval rate, newest month first',
};
