import { formatValue } from '../../shared/dashboards/format';

/** Number formatting shared by titles, impacts and summaries, so narratives can cite the same figures. */
export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * Money as the dashboards show it ("$1,234.56"): the sum of `amount` over payments, the same figure the
 * dashboards' value KPIs format as currency, so a finding and the dashboard it points at read alike.
 */
export function fmtMoney(n: number): string {
  return formatValue(n, 'currency');
}

export function fmtPct(n: number, digits = 2): string {
  return n.toFixed(digits);
}

export function fmtPp(n: number): string {
  return `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;
}
