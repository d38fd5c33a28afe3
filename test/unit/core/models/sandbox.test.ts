import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../../src/shared/errors';
import type { Job, ModelInfo, TrainJob } from '../../../../src/shared/api';
import { createCore } from '../../../../src/core/core';
import { ModelRegistry } from '../../../../src/core/models/registry';
import { startModelServer } from '../../../../src/core/models/serving';
import { fillWithReplayFixture } from '../../../support/replay-fixture';
import { createTestCore } from '../../../support/test-core';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;

async function call<T = unknown>(method: string, input: unknown, c: { dispatcher: TestCore['dispatcher'] } = core): Promise<T> {
  const r = (await c.dispatcher.dispatch(method, input)) as ApiResult<T>;
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.data;
}

/** Resolves with the first models.train job to end, as job.progressed tells it. */
function trainEnded(c: TestCore, onRunning: (job: Job) => void = () => undefined): Promise<Job> {
  return new Promise<Job>((resolve) => {
    const off = c.events.subscribe((name, payload) => {
      const job = payload as Job;
      if (name !== 'job.progressed' || job.kind !== 'models.train') return;
      if (job.state === 'running') return onRunning(job);
      off();
      resolve(job);
    });
  });
}

/** Trains through the API and gives the training's results (`models.jobs`) once its job ended. */
async function train(c: TestCore, models?: string[]): Promise<TrainJob> {
  const ended = trainEnded(c);
  const { jobId } = await call<{ jobId: string }>('models.train', { models }, c);
  expect((await ended).id).toBe(jobId);
  return (await call<{ jobs: TrainJob[] }>('models.jobs', {}, c)).jobs.find((j) => j.id === jobId)!;
}

const approvalInput = {
  amount: 120,
  fraud_score: 0.1,
  merchant_segment: 'Retail',
  card_network: 'Visa',
  uses_3ds: true,
  is_network_token: false,
  card_type: 'credit',
  channel: 'ecommerce',
  three_ds_outcome: 'frictionless',
  is_cross_border: false,
  issuer_country: 'BR',
  processor: 'ProcessorA',
  device_trust_score: 0.8,
  velocity_score: 0.2,
  retry_attempt: 0,
};

beforeAll(async () => {
  core = await createTestCore({ file: true });
  await fillWithReplayFixture(core.engine, { events: 40_000, days: 14 });
}, 120_000);
afterAll(async () => core?.dispose());

describe('model sandbox on a replayed data set', () => {
  it('trains the four models in the background with progress, and registers versions with metrics', async () => {
    const progress: Job[] = [];
    const off = core.events.subscribe(
      (name, p) => name === 'job.progressed' && (p as Job).kind === 'models.train' && progress.push(p as Job),
    );
    const job = await train(core);
    off();
    // The training and its job speak one state vocabulary: models.jobs says what jobs.list says.
    expect(job.state).toBe('succeeded');
    const listed = (await call<{ jobs: Job[] }>('jobs.list', { kind: 'models.train' })).jobs.find((j) => j.id === job.id);
    expect(listed?.state).toBe(job.state);
    expect(job.results.map((r) => r.model)).toEqual(['approval_propensity', 'risk_scoring', 'smart_routing', 'smart_retry']);
    // One progress shape: done counts models (fractional mid-model) out of total, never going back.
    const running = progress.filter((j) => j.state === 'running');
    expect(running.length).toBeGreaterThan(3);
    expect(running.every((j) => j.progress.total === 4)).toBe(true);
    expect(running.map((j) => j.progress.done)).toEqual([...running.map((j) => j.progress.done)].sort((a, b) => a - b));
    expect(running.some((j) => j.progress.message.includes('Boosting round'))).toBe(true);
    expect(progress.at(-1)).toMatchObject({ state: 'succeeded', progress: { done: 4, total: 4 } });
    expect(progress.at(-1)!.progress.message).toMatch(/^Trained approval_propensity@v\d+, /);
    // The training's record carries that same progress (no second shape).
    expect(job.progress).toEqual(progress.at(-1)!.progress);
    const { models } = await call<{ models: ModelInfo[] }>('models.list', {});
    const approval = models.find((m) => m.id === 'approval_propensity@v1')!;
    expect(approval.metrics!.accuracy).toBeGreaterThan(approval.metrics!.baselineAccuracy);
    expect(approval.metrics!.rocAuc).toBeGreaterThan(0.6);
    expect(approval.trainingWindow!.holdoutRows).toBeGreaterThan(1000);
    expect(approval.trainingWindow!.splitAt > approval.trainingWindow!.start).toBe(true);
    const risk = models.find((m) => m.id === 'risk_scoring@v1')!;
    expect(risk.features.map((f) => f.name)).not.toContain('fraud_score');
    expect(risk.metrics!.confusion.labels).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect(models.find((m) => m.name === 'card_network')).toBeUndefined();
    expect(approval.features.find((f) => f.name === 'card_network')!.categories).toContain('Visa');
  }, 300_000);

  it('predicts with probabilities and per-feature contributions, and explains bad input field by field', async () => {
    const { predictions } = await call<{
      predictions: { label: string; probabilities: Record<string, number>; contributions: { feature: string }[] }[];
    }>('models.predict', {
      model: 'approval_propensity',
      records: [approvalInput],
    });
    const p = predictions[0]!;
    expect(['approved', 'declined']).toContain(p.label);
    expect(p.probabilities.approved! + p.probabilities.declined!).toBeCloseTo(1, 6);
    expect(p.contributions.map((c) => c.feature)).toEqual(Object.keys(approvalInput));
    const risky = await call<{ predictions: { probabilities: Record<string, number> }[] }>('models.predict', {
      model: 'approval_propensity',
      records: [{ ...approvalInput, fraud_score: 0.97 }],
    });
    expect(risky.predictions[0]!.probabilities.approved).toBeLessThan(p.probabilities.approved!);

    const bad = { ...approvalInput, amount: 'a lot', card_network: 'Diners', extra: 1 } as Record<string, unknown>;
    delete bad.channel;
    const r = await core.dispatcher.dispatch('models.predict', { model: 'approval_propensity', records: [bad] });
    expect(r.ok).toBe(false);
    const fields = (r as { error: { details: { field: string }[] } }).error.details.map((d) => d.field).sort();
    expect(fields).toEqual(['amount', 'card_network', 'channel', 'extra']);
  });

  it('loads a real silver row by transaction_id or at random into the model inputs', async () => {
    const random = await call<{ transactionId: string; record: Record<string, unknown>; actual: string }>('models.sampleRow', {
      model: 'smart_retry',
    });
    expect(Object.keys(random.record)).toContain('time_since_decline');
    expect(['recovered', 'not_recovered']).toContain(random.actual);
    const again = await call<{ record: Record<string, unknown> }>('models.sampleRow', {
      model: 'smart_retry',
      transactionId: random.transactionId,
    });
    expect(again.record).toEqual(random.record);
    await expect(call('models.sampleRow', { model: 'approval_propensity', transactionId: 'no-such-id' })).rejects.toThrow(
      /No silver row with transaction_id "no-such-id"/,
    );
    const retry = await call<{ predictions: { recommendedWaitSeconds: number }[] }>('models.predict', {
      model: 'smart_retry',
      records: [random.record],
    });
    expect(retry.predictions[0]!.recommendedWaitSeconds).toBeGreaterThanOrEqual(0);
  });

  it('sweeps one feature and draws a two-feature heat map', async () => {
    const sweep = await call<{ xs: number[]; probabilities: number[][] }>('models.sweep', {
      model: 'approval_propensity',
      record: approvalInput,
      feature: 'fraud_score',
      points: 11,
    });
    // 11 points over the data's own range, plus the form's current value so the curve passes through it.
    expect(sweep.xs).toHaveLength(12);
    expect(sweep.xs).toContain(approvalInput.fraud_score);
    expect([...sweep.xs].sort((a, b) => a - b)).toEqual(sweep.xs);
    expect(sweep.probabilities[0]![1]).toBeGreaterThan(sweep.probabilities[11]![1]!);
    const heat = await call<{ z: number[][]; className: string }>('models.heatmap', {
      model: 'approval_propensity',
      record: approvalInput,
      featureX: 'fraud_score',
      featureY: 'card_network',
      size: 5,
    });
    expect(heat.className).toBe('approved');
    expect(heat.z).toHaveLength(5);
    expect(heat.z[0]).toHaveLength(5);
  });

  it('scores a cohort with distribution and metrics, and saves the scores as a table', async () => {
    const r = await call<{ rows: number; histogram: { count: number }[]; metrics: { accuracy: number }; savedTable: string }>(
      'models.scoreBatch',
      {
        model: 'approval_propensity',
        cohort: { kind: 'sql', where: "card_network = 'Visa'", limit: 5000 },
        saveAs: 'visa_scores',
      },
    );
    // Data-quality faults (fraud_score outside 0..1) are not scored.
    expect(r.rows).toBeGreaterThan(4950);
    expect(r.rows).toBeLessThanOrEqual(5000);
    expect(r.histogram.reduce((s, b) => s + b.count, 0)).toBe(r.rows);
    expect(r.metrics.accuracy).toBeGreaterThan(0.5);
    const saved = await core.engine.query('SELECT count(*), count(DISTINCT transaction_id), min(p_approved) >= 0 FROM visa_scores');
    expect(saved.rows[0]).toEqual([r.rows, r.rows, true]);
    await expect(
      call('models.scoreBatch', { model: 'approval_propensity', cohort: { kind: 'sql', where: '1=1; DROP TABLE visa_scores', limit: 10 } }),
    ).rejects.toThrow(/The filter is not a valid SQL expression.*syntax error/);
    expect((await core.engine.query('SELECT count(*) FROM visa_scores')).rows[0]).toEqual([r.rows]);
    await expect(
      call('models.scoreBatch', { model: 'approval_propensity', cohort: { kind: 'sql', where: 'no_such_column > 1', limit: 10 } }),
    ).rejects.toThrow(/no_such_column/);
  });

  it('scores a CSV and names a missing column', async () => {
    const header = Object.keys(approvalInput).join(',');
    const line = Object.values(approvalInput).join(',');
    const ok = await call<{ rows: number; metrics: unknown }>('models.scoreBatch', {
      model: 'approval_propensity',
      cohort: { kind: 'csv', csv: `${header},label\n${line},approved\n${line},declined\n` },
    });
    expect(ok.rows).toBe(2);
    expect(ok.metrics).not.toBeNull();
    const noChannel = header.replace(',channel', '');
    const lineNo = Object.entries(approvalInput)
      .filter(([k]) => k !== 'channel')
      .map(([, v]) => v)
      .join(',');
    await expect(
      call('models.scoreBatch', { model: 'approval_propensity', cohort: { kind: 'csv', csv: `${noChannel}\n${lineNo}\n` } }),
    ).rejects.toThrow(/The CSV has no column "channel"/);
  });

  it('compares two versions on one cohort and lists where they disagree; keeps models across a restart', async () => {
    const job = await train(core, ['smart_routing']);
    expect(job.results[0]!.id).toBe('smart_routing@v2');
    const r = await call<{ rows: number; agreement: number; disagreements: unknown[] }>('models.compare', {
      a: 'smart_routing@v1',
      b: 'smart_routing@v2',
      cohort: { kind: 'sql', where: '', limit: 3000 },
    });
    expect(r.rows).toBe(3000);
    expect(r.agreement).toBeGreaterThan(0.9);
    expect(r.disagreements.length).toBe(Math.round(r.rows * (1 - r.agreement)) > 200 ? 200 : Math.round(r.rows * (1 - r.agreement)));
    await expect(
      call('models.compare', { a: 'smart_routing@v1', b: 'risk_scoring@v1', cohort: { kind: 'sql', where: '', limit: 10 } }),
    ).rejects.toThrow(/same kind/);

    const path = core.engine.path;
    const before = await call('models.predict', { model: 'approval_propensity@v1', records: [approvalInput] });
    await core.close();
    const reopened = await createCore({ mode: 'cli', databasePath: path, userDataDir: core.dir });
    try {
      expect(await call('models.predict', { model: 'approval_propensity@v1', records: [approvalInput] }, reopened)).toMatchObject({
        predictions: (before as { predictions: unknown[] }).predictions,
      });
    } finally {
      await reopened.close();
    }
    core = Object.assign(await createCore({ mode: 'cli', databasePath: path, userDataDir: core.dir }), {
      dir: core.dir,
      dispose: core.dispose,
    });
  }, 300_000);

  it('applies decisioning policies to a replayed cohort with estimated uplift against what happened', async () => {
    const r = await call<{
      transactions: number;
      authorization: { approve: number; review: number; decline: number };
      retry: { declines: number; actualRecovered: number };
      approvalUpliftPp: number;
    }>('models.policy', {
      where: '',
      limit: 20_000,
      thresholds: {
        approveAbove: 0.6,
        declineBelow: 0.2,
        reviewHighRisk: true,
        retryNowAbove: 0.6,
        retryLaterAbove: 0.3,
        maxWaitSeconds: 86_400,
        useRouting: true,
      },
    });
    expect(r.transactions).toBeGreaterThan(10_000);
    expect(r.authorization.approve + r.authorization.review + r.authorization.decline).toBe(r.transactions);
    expect(r.retry.declines).toBeGreaterThan(0);
    expect(Number.isFinite(r.approvalUpliftPp)).toBe(true);
    const strict = await call<{ authorization: { decline: number } }>('models.policy', {
      where: '',
      limit: 20_000,
      thresholds: { approveAbove: 0.99, declineBelow: 0.9 },
    });
    expect(strict.authorization.decline).toBeGreaterThan(r.authorization.decline);
  });
});

describe('training jobs', () => {
  it('cancels a running job between boosting rounds and keeps no half-trained version', async () => {
    const before = (await call<{ models: ModelInfo[] }>('models.list', {})).models.length;
    let asked = false;
    const ended = trainEnded(core, (job) => {
      if (!asked && job.progress.message.includes('Boosting round')) {
        asked = true;
        void call('jobs.cancel', { id: job.id });
      }
    });
    const { jobId } = await call<{ jobId: string }>('models.train', { models: ['approval_propensity'] });
    // Starting again while it runs joins the running job (single-flight) instead of starting a second one.
    expect((await call<{ jobId: string }>('models.train', {})).jobId).toBe(jobId);
    const job = await ended;
    expect(job.id).toBe(jobId);
    expect(job.state).toBe('cancelled');
    expect(job.progress.message).toContain('Cancelled');
    expect((await call<{ models: ModelInfo[] }>('models.list', {})).models.length).toBe(before);
    expect((await call<{ jobs: TrainJob[] }>('models.jobs', {})).jobs[0]).toMatchObject({
      id: jobId,
      state: 'cancelled',
      progress: job.progress,
    });
  }, 120_000);
});

describe('serving local models over the MLflow protocol, used back as a remote model', () => {
  it('answers dataframe_records and dataframe_split, and the remote client drives form, sweep, batch and compare', async () => {
    const server = await startModelServer(new ModelRegistry(core.engine, core.secrets), {
      port: 0,
      defaultModel: 'approval_propensity@v1',
    });
    try {
      const direct = await fetch(`${server.url}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ dataframe_records: [approvalInput, approvalInput] }),
      });
      const body = (await direct.json()) as { predictions: number[] };
      expect(body.predictions).toHaveLength(2);
      expect(body.predictions[0]).toBeGreaterThan(0);
      const bad = await fetch(`${server.url}/serving-endpoints/risk_scoring/invocations`, {
        method: 'POST',
        body: JSON.stringify({ dataframe_split: { columns: ['amount'], data: [[5]] } }),
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toMatch(/aml_risk_score is required/);

      for (const format of ['dataframe_records', 'dataframe_split']) {
        const info = await call<ModelInfo>('models.registerRemote', {
          name: `local-${format}`,
          url: `${server.url}/serving-endpoints/approval_propensity@v1/invocations`,
          schemaOf: 'approval_propensity',
          format,
          timeoutMs: 5000,
        });
        const remote = await call<{
          predictions: { probabilities: Record<string, number>; contributions: unknown[]; contributionUnit: string }[];
        }>('models.predict', { model: info.id, records: [approvalInput] });
        const local = await call<{ predictions: { probabilities: Record<string, number> }[] }>('models.predict', {
          model: 'approval_propensity@v1',
          records: [approvalInput],
        });
        expect(remote.predictions[0]!.probabilities.approved).toBeCloseTo(local.predictions[0]!.probabilities.approved!, 5);
        expect(remote.predictions[0]!.contributionUnit).toBe('probability');
        expect(remote.predictions[0]!.contributions).toHaveLength(15);
      }
      const sweep = await call<{ xs: unknown[] }>('models.sweep', {
        model: 'remote:local-dataframe_split',
        record: approvalInput,
        feature: 'amount',
        points: 5,
      });
      // 5 quantile-spaced amounts and the record's own (120).
      expect(sweep.xs).toHaveLength(6);
      expect(sweep.xs).toContain(120);
      const batch = await call<{ rows: number }>('models.scoreBatch', {
        model: 'remote:local-dataframe_records',
        cohort: { kind: 'sql', where: '', limit: 2500 },
      });
      expect(batch.rows).toBeGreaterThan(2400);
      const cmp = await call<{ agreement: number }>('models.compare', {
        a: 'approval_propensity@v1',
        b: 'remote:local-dataframe_records',
        cohort: { kind: 'sql', where: '', limit: 1000 },
      });
      expect(cmp.agreement).toBe(1);
      await call('models.registerRemote', {
        name: 'gone',
        url: 'http://127.0.0.1:9/invocations',
        schemaOf: 'approval_propensity',
        timeoutMs: 1000,
      });
      await expect(call('models.predict', { model: 'remote:gone', records: [approvalInput] })).rejects.toThrow(
        /Could not reach the remote model at 127.0.0.1:9/,
      );
      await expect(call('models.predict', { model: 'remote:gone', records: [{ ...approvalInput, amount: -1 }] })).rejects.toThrow(
        /amount must be at least 0.01/,
      );
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe('training without enough data', () => {
  it('says silver is missing, or how many rows are needed', async () => {
    const empty = await createTestCore();
    try {
      const job = await train(empty, ['approval_propensity']);
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(/no payments_enriched_silver table yet: replay some events first \(Pipeline page/);
      expect(job.error, 'core names no command-line flag').not.toMatch(/ --[a-z]/u);
      await fillWithReplayFixture(empty.engine, { events: 300, days: 1 });
      const tiny = await train(empty, ['approval_propensity']);
      expect(tiny.error).toMatch(/needs at least 500 rows in the training window and 100 in the holdout window.*silver has \d+ and \d+/);
      expect(tiny.error).toMatch(/Replay more events first \(Pipeline page/);
      expect(tiny.error, 'core names no command-line flag').not.toMatch(/ --[a-z]/u);
    } finally {
      await empty.dispose();
    }
  }, 120_000);
});
