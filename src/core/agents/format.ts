/** Number formatting shared by titles, impacts and summaries, so narratives can cite the same figures. */
export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtMoney(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function fmtPct(n: number, digits = 2): string {
  return n.toFixed(digits);
}

export function fmtPp(n: number): string {
  return `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;
}
