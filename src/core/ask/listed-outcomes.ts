/** In a list of measures after a colon ("by attempt: attempts, approved, avg wait"), a bare outcome is its count. */
export function listedOutcomes(question: string): string {
  if (!/:[^:]*,/.test(question)) return question;
  const counts: Record<string, string> = {
    approved: 'approvals',
    declined: 'declines',
    fraudulent: 'fraud count',
    fraud: 'fraud count',
    total: 'transactions',
  };
  const [head, ...tail] = question.split(':');
  const said = tail.join(':');
  // "total, approved and declined value": the last noun belongs to every qualifier, so "total" is not a count there.
  const shared = /\b(?:approved|declined|fraud|fraudulent|recovered|total) (?:value|amount|volume|count)\s*[?.!]?\s*$/i.test(said);
  const bare = shared
    ? /(^|,|\band\b)\s*(approved|declined|fraudulent|fraud)\s*(?=,|\band\b|[?.!]?\s*$)/gi
    : /(^|,|\band\b)\s*(approved|declined|fraudulent|fraud|total)\s*(?=,|\band\b|[?.!]?\s*$)/gi;
  const list = said.replace(bare, (_, sep: string, w: string) => {
    return `${sep} ${counts[w.toLowerCase()] ?? w} `;
  });
  return `${head}:${list}`;
}
