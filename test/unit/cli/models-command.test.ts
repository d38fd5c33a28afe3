import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/core/core';
import { invokeRemote } from '../../../src/core/models/remote-client';
import { runCli, ROOT } from '../../support/cli';
import { startFakeServing } from '../../support/fake-serving-endpoint';
import { fillWithReplayFixture } from '../../support/replay-fixture';

const dir = mkdtempSync(join(tmpdir(), 'medallion-models-cli-'));
const db = join(dir, 'models.duckdb');
const env = { MEDALLION_HOME: join(dir, 'home') };
const input = {
  decline_reason: 'insufficient_funds',
  amount: 80,
  fraud_score: 0.2,
  previous_attempts: 1,
  time_since_decline: 3600,
  card_type: 'debit',
  merchant_segment: 'Retail',
  is_cross_border: false,
};

beforeAll(async () => {
  const core = await createCore({ mode: 'cli', databasePath: db, userDataDir: join(dir, 'home') });
  await fillWithReplayFixture(core.engine, { events: 40_000, days: 14 });
  await core.close();
}, 120_000);

describe('medallion models', () => {
  it('trains a model with a summary line per version', async () => {
    const r = await runCli(['models', 'train', '--db', db, '--model', 'smart_retry'], { env, timeoutMs: 180_000 });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/smart_retry@v1\s+accuracy \d+\.\d% \(reference 81%, majority class \d+\.\d%\)/);
  }, 200_000);

  it('predicts from --input JSON, and lists the fields that are wrong', async () => {
    const ok = await runCli(['models', 'predict', '--db', db, '--model', 'smart_retry', '--input', JSON.stringify(input)], { env });
    expect(ok.code).toBe(0);
    const [p] = JSON.parse(ok.stdout) as { label: string; recommendedWaitSeconds: number }[];
    expect(['recovered', 'not_recovered']).toContain(p!.label);
    expect(p!.recommendedWaitSeconds).toBeGreaterThanOrEqual(0);
    const bad = await runCli(
      [
        'models',
        'predict',
        '--db',
        db,
        '--model',
        'smart_retry',
        '--input',
        JSON.stringify({ ...input, decline_reason: 'bad_luck', amount: 'x' }),
      ],
      { env },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/decline_reason: decline_reason "bad_luck" is not a known value/);
    expect(bad.stderr).toMatch(/amount: amount must be a number/);
    const unknown = await runCli(['models', 'predict', '--db', db, '--model', 'approval_propensity', '--input', '{}'], { env });
    expect(unknown.stderr).toMatch(/There is no model "approval_propensity"/);
  }, 60_000);

  it('serves over /invocations on 127.0.0.1 and answers the app’s remote client', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'medallion.cjs'), 'models', 'serve', '--db', db, '--port', String(port), '--model', 'smart_retry'],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('serve did not start')), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('Serving models at')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const predictions = await invokeRemote(
        `http://127.0.0.1:${port}/invocations`,
        [input, { ...input, decline_reason: 'expired_card' }],
        {
          columns: Object.keys(input),
          format: 'dataframe_records',
          timeoutMs: 5000,
        },
      );
      expect(predictions).toHaveLength(2);
      expect(predictions[0]).toMatchObject({
        prediction: expect.any(String),
        probabilities: { recovered: expect.any(Number) },
        recommended_wait_seconds: expect.any(Number),
      });
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);

  it('serve on a port already in use says so in one line and names --port', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const r = await runCli(['models', 'serve', '--db', db, '--port', String(port)], { env, timeoutMs: 60_000 });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').at(-1)).toBe(`error: Port ${port} is already in use: pick another port with --port.`);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  }, 90_000);

  it('registers a Databricks serving endpoint on the DATABRICKS_* profile and predicts with its token', async () => {
    const token = 'dapi0cli0serving0token0123456789abcd';
    const fake = await startFakeServing({
      tokens: [token],
      endpoints: {
        'retry-prod': (body) => ({
          status: 200,
          body: { predictions: (body as { dataframe_records: unknown[] }).dataframe_records.map(() => 0.8) },
        }),
      },
    });
    try {
      const wsEnv = {
        ...env,
        DATABRICKS_HOST: fake.host,
        DATABRICKS_WAREHOUSE_ID: 'w1',
        DATABRICKS_TOKEN: token,
        DATABRICKS_CA_CERT: fake.caPath,
      };
      const reg = await runCli(['models', 'register-endpoint', 'retry-prod', '--schema', 'smart_retry', '--db', db], { env: wsEnv });
      expect(reg.stderr).toBe('');
      expect(reg.stdout).toContain(
        `remote:retry-prod  https://${fake.host}/serving-endpoints/retry-prod/invocations  (profile "Environment (DATABRICKS_*)")`,
      );
      const ok = await runCli(['models', 'predict', '--db', db, '--model', 'remote:retry-prod', '--input', JSON.stringify(input)], {
        env: wsEnv,
      });
      expect(JSON.parse(ok.stdout)[0]).toMatchObject({ label: 'recovered', probabilities: { recovered: 0.8 } });
      expect(fake.seen.at(-1)!.authorization).toBe(`Bearer ${token}`);
      const rejected = await runCli(['models', 'predict', '--db', db, '--model', 'remote:retry-prod', '--input', JSON.stringify(input)], {
        env: { ...wsEnv, DATABRICKS_TOKEN: 'dapi-not-this-one-000' },
      });
      expect(rejected.code).not.toBe(0);
      expect(rejected.stderr).toMatch(/serving endpoint "retry-prod" .* rejected the token \(HTTP 401\)/);
      expect(rejected.stderr).not.toContain('dapi-not-this-one');
    } finally {
      await fake.close();
    }
  }, 90_000);
});
