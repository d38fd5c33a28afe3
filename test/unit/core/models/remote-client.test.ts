import { afterEach, describe, expect, it } from 'vitest';
import { invokeRemote, normalisePrediction } from '../../../../src/core/models/remote-client';
import { json, startFakeMlflow } from '../../../support/fake-mlflow-server';

const records = [
  { amount: 10, card_network: 'Visa' },
  { amount: 20, card_network: 'Amex' },
];
const opts = { columns: ['amount', 'card_network'], format: 'dataframe_records' as const, timeoutMs: 2000 };
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function fake(behaviour: Parameters<typeof startFakeMlflow>[0]) {
  const s = await startFakeMlflow(behaviour);
  close = s.close;
  return s;
}

describe('remote MLflow client over real HTTP', () => {
  it('sends dataframe_records or dataframe_split with the token and reads predictions', async () => {
    const s = await fake((_body, req, res) => json(res, 200, { predictions: [0.8, 0.1], auth: req.headers.authorization }));
    expect(await invokeRemote(s.url, records, { ...opts, token: 'dapi-1' })).toEqual([0.8, 0.1]);
    await invokeRemote(s.url, records, { ...opts, format: 'dataframe_split' });
    expect(s.requests[0]).toEqual({ dataframe_records: records });
    expect(s.requests[1]).toEqual({
      dataframe_split: {
        columns: ['amount', 'card_network'],
        data: [
          [10, 'Visa'],
          [20, 'Amex'],
        ],
      },
    });
  });

  it('says clearly when the endpoint is unreachable, refuses, fails, is slow, or answers nonsense', async () => {
    const s = await fake((body, _req, res) => {
      const first = (body as { dataframe_records: { amount: number }[] }).dataframe_records[0]!.amount;
      if (first === 1) return json(res, 500, { message: 'boom' });
      if (first === 2) return json(res, 400, { message: 'bad column' });
      if (first === 3) return json(res, 200, '<html>not json');
      if (first === 4) return json(res, 200, { predictions: [0.5] });
      if (first === 5) return json(res, 200, { result: [] });
      if (first === 6) return json(res, 403, { message: 'no' });
      // 7: never answers
    });
    const one = (amount: number) => [{ amount }, { amount: 0 }];
    await expect(invokeRemote(s.url, one(1), opts)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/HTTP 500.*boom/),
    });
    await expect(invokeRemote(s.url, one(2), opts)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/rejected the input \(HTTP 400\)/),
    });
    await expect(invokeRemote(s.url, one(3), opts)).rejects.toThrow(/not JSON/);
    await expect(invokeRemote(s.url, one(4), opts)).rejects.toThrow(/returned 1 prediction for 2 records/);
    await expect(invokeRemote(s.url, one(5), opts)).rejects.toThrow(/without a "predictions" array/);
    await expect(invokeRemote(s.url, one(6), opts)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const started = Date.now();
    await expect(invokeRemote(s.url, one(7), { ...opts, timeoutMs: 300 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringMatching(/within 0.3 s/),
    });
    expect(Date.now() - started).toBeLessThan(2000);
    const closed = await startFakeMlflow(() => undefined);
    await closed.close();
    const err = await invokeRemote(closed.url, records, opts).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect((err as Error).message).toMatch(
      /Could not reach the remote model at 127.0.0.1:\d+\/invocations: connection refused \(ECONNREFUSED\)/,
    );
  });

  it('reads the prediction shapes MLflow models return', () => {
    expect(normalisePrediction(0.87, ['declined', 'approved'], 'approved').probabilities).toEqual(
      [0.13, 0.87].map((x) => expect.closeTo(x, 9)),
    );
    expect(normalisePrediction('HIGH', ['LOW', 'MEDIUM', 'HIGH'], 'HIGH').probabilities).toEqual([0, 0, 1]);
    expect(normalisePrediction([0.2, 0.5, 0.3], ['A', 'B', 'C'], null).probabilities).toEqual([0.2, 0.5, 0.3]);
    expect(
      normalisePrediction({ prediction: 'recovered', recommended_wait_seconds: 600 }, ['not_recovered', 'recovered'], 'recovered'),
    ).toEqual({ probabilities: [0, 1], wait: 600 });
    expect(() => normalisePrediction('Diners', ['A', 'B'], null)).toThrow(/cannot read/);
  });
});
