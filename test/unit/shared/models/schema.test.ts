import { describe, expect, it } from 'vitest';
import { QUANTILE_LEVELS, sweepPoints, validateRecord, type FeatureSpec } from '../../../../src/shared/models/schema';

const features: FeatureSpec[] = [
  { name: 'amount', type: 'number', min: 0.01, max: 10_000, description: '', typical: 50 },
  { name: 'retry_attempt', type: 'integer', min: 0, max: 10, description: '', typical: 0 },
  { name: 'card_network', type: 'category', categories: ['Visa', 'Mastercard'], description: '', typical: 'Visa' },
  { name: 'uses_3ds', type: 'boolean', description: '', typical: false },
];

describe('input validation against a model schema', () => {
  it('accepts a good record and coerces form text to numbers and booleans', () => {
    const r = validateRecord(features, { amount: '12.5', retry_attempt: 2, card_network: 'Visa', uses_3ds: 'true' });
    expect(r).toEqual({ ok: true, value: { amount: 12.5, retry_attempt: 2, card_network: 'Visa', uses_3ds: true } });
  });

  it('names every bad field: missing, extra, wrong type, out of range, unknown category', () => {
    const r = validateRecord(features, { amount: 'lots', retry_attempt: 1.5, card_network: 'Diners', colour: 'red' });
    expect(r.ok).toBe(false);
    const byField = Object.fromEntries((r as { errors: { field: string; message: string }[] }).errors.map((e) => [e.field, e.message]));
    expect(byField.amount).toMatch(/must be a number/);
    expect(byField.retry_attempt).toMatch(/whole number/);
    expect(byField.card_network).toMatch(/Diners.*Visa, Mastercard/);
    expect(byField.uses_3ds).toMatch(/required/);
    expect(byField.colour).toMatch(/not an input/);
    const range = validateRecord(features, { amount: 20_000, retry_attempt: 0, card_network: 'Visa', uses_3ds: false });
    expect(range.ok ? '' : range.errors[0]!.message).toMatch(/at most 10000/);
  });

  it('sweeps numbers over their range, categories over their values, booleans over both', () => {
    expect(sweepPoints(features[0]!, 3)).toEqual([0.01, 5000.01, 10_000]);
    expect(sweepPoints(features[1]!, 30)).toHaveLength(11);
    expect(sweepPoints(features[2]!, 10)).toEqual(['Visa', 'Mastercard']);
    expect(sweepPoints(features[3]!, 10)).toEqual([false, true]);
  });

  it('sweeps a trained number over its own distribution: quantile-spaced, readable, inside the data', () => {
    // Amounts as payments have them: most near 43, a long tail; the schema allows up to 10,000.
    const quantiles = QUANTILE_LEVELS.map((p) => Number((43 * Math.exp(1.1 * Math.sqrt(2) * erfInv(2 * p - 1))).toPrecision(6)));
    const amount: FeatureSpec = { ...features[0]!, quantiles };
    const xs = sweepPoints(amount, 25) as number[];
    expect(xs.length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...xs)).toBeLessThan(quantiles[quantiles.length - 1]! * 1.01);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(quantiles[0]! * 0.99);
    // Half the points sit below the median: the sweep spends its points where the data is.
    expect(xs.filter((x) => x <= 43).length).toBeGreaterThanOrEqual(11);
    for (const x of xs) expect(Number(x.toPrecision(3))).toBe(x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });
});

/** Inverse error function (Winitzki's approximation), enough to shape a log-normal fixture. */
function erfInv(x: number): number {
  const a = 0.147;
  const ln = Math.log(1 - x * x);
  const t = 2 / (Math.PI * a) + ln / 2;
  return Math.sign(x) * Math.sqrt(Math.sqrt(t * t - ln / a) - t);
}
