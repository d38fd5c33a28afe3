import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../../src/core/models/trainer';
import { TrainSettingsInput } from '../../../../src/shared/api';

describe('retrain settings', () => {
  it('keeps the defaults for what is not asked and the model order of the features kept', () => {
    const s = resolveSettings('smart_routing', { maxDepth: 3, features: ['amount', 'card_network'] });
    expect(s).toEqual({
      rounds: 25,
      maxDepth: 3,
      learningRate: 0.3,
      features: ['card_network', 'amount'],
      leftOut: ['merchant_segment', 'issuer_country', 'merchant_country', 'event_hour'],
    });
  });

  it('refuses a feature the model does not have, naming the ones it has', () => {
    expect(() => resolveSettings('risk_scoring', { features: ['fraud_score'] })).toThrow(
      /risk_scoring has no feature fraud_score; its features are amount, aml_risk_score/,
    );
  });

  it('answers out-of-range settings in words a person reads', () => {
    const r = TrainSettingsInput.safeParse({ rounds: 0, maxDepth: 2.5, learningRate: 3 });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message);
    expect(messages).toEqual([
      'Rounds must be between 5 and 300.',
      'Tree depth must be a whole number.',
      'The learning rate must be between 0.01 and 1.',
    ]);
    expect(messages.join(' ')).not.toMatch(/expected|>=|<=/);
  });
});
