import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServing } from '../../../support/fake-serving-endpoint';
import { createTestCore } from '../../../support/test-core';
import { call, failure } from '../../../support/core-calls';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;
let fake: Awaited<ReturnType<typeof startFakeServing>>;

const PAT = 'dapi0123456789abcdef0123456789abcdef';
const FORBIDDEN = 'dapi-can-log-in-but-not-query-42';
const U2M = 'eyJ-browser-sign-in-access-token';
const SP = { clientId: 'sp-client-1', clientSecret: 'dose-sp-secret-9876', accessToken: 'eyJ-oauth-access-token-issued' };

const record = {
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

async function profile(name: string, extra: Record<string, unknown>): Promise<string> {
  const saved = await call(core, 'warehouse.saveProfile', {
    name,
    host: fake.host,
    warehouseId: 'abc123',
    caCertPath: fake.caPath,
    ...extra,
  });
  return saved.profile.id;
}

const register = (name: string, profileId: string, endpoint: string, timeoutMs = 3000) =>
  call(core, 'models.registerServingEndpoint', { name, profileId, endpoint, schemaOf: 'approval_propensity', timeoutMs });

const predict = (model: string) => call(core, 'models.predict', { model, records: [record], explain: false });

beforeAll(async () => {
  core = await createTestCore();
  fake = await startFakeServing({
    tokens: [PAT, FORBIDDEN, U2M],
    forbidden: [FORBIDDEN],
    servicePrincipal: SP,
    endpoints: {
      'approval-prod': (body) => ({
        status: 200,
        body: { predictions: (body as { dataframe_records: unknown[] }).dataframe_records.map(() => 0.91) },
      }),
      'slow-endpoint': () => undefined,
    },
  });
}, 30_000);
afterAll(async () => {
  await fake?.close();
  await core?.dispose();
});

describe('Databricks Model Serving endpoints through a connection profile (real HTTPS)', () => {
  it("registers an endpoint by name and predicts with the profile's token, which is stored nowhere else", async () => {
    const profileId = await profile('Workspace PAT', { authType: 'pat', secret: PAT });
    const info = await register('approval-prod', profileId, 'approval-prod');
    expect(info).toMatchObject({
      id: 'remote:approval-prod',
      kind: 'remote',
      algorithm: 'remote (Databricks Model Serving)',
      remote: { url: `https://${fake.host}/serving-endpoints/approval-prod/invocations`, profileId },
    });
    const { predictions } = await predict('remote:approval-prod');
    expect(predictions[0]!.probabilities.approved).toBeCloseTo(0.91, 9);
    expect(fake.seen.at(-1)).toEqual({ path: '/serving-endpoints/approval-prod/invocations', authorization: `Bearer ${PAT}` });

    const rows = await core.engine.query('SELECT * FROM model_remote_endpoints');
    expect(JSON.stringify(rows.rows)).not.toContain(PAT);
    expect(JSON.stringify(await call(core, 'models.list', {}))).not.toContain(PAT);
    expect(await core.secrets.get('models.remote.approval-prod')).toBeUndefined();
  });

  it('says the token was rejected (401, 403) without repeating it, and picks up a corrected profile token', async () => {
    const profileId = await profile('Workspace wrong token', { authType: 'pat', secret: 'dapi-wrong-token-000000' });
    await register('approval-wrong', profileId, 'approval-prod');
    const bad = await failure(core, 'models.predict', { model: 'remote:approval-wrong', records: [record] });
    expect(bad.code).toBe('UNAUTHORIZED');
    expect(bad.message).toMatch(
      /serving endpoint "approval-prod" on 127\.0\.0\.1:\d+ \(profile "Workspace wrong token"\) rejected the token \(HTTP 401\)/,
    );
    expect(bad.message).not.toContain('dapi-wrong-token');

    await call(core, 'warehouse.saveProfile', {
      id: profileId,
      name: 'Workspace wrong token',
      host: fake.host,
      warehouseId: 'abc123',
      caCertPath: fake.caPath,
      authType: 'pat',
      secret: FORBIDDEN,
    });
    const forbidden = await failure(core, 'models.predict', { model: 'remote:approval-wrong', records: [record] });
    expect(forbidden).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/rejected the token \(HTTP 403\).*permission/),
    });
    expect(forbidden.message).not.toContain(FORBIDDEN);

    await call(core, 'warehouse.saveProfile', {
      id: profileId,
      name: 'Workspace wrong token',
      host: fake.host,
      warehouseId: 'abc123',
      caCertPath: fake.caPath,
      authType: 'pat',
      secret: PAT,
    });
    expect((await predict('remote:approval-wrong')).predictions).toHaveLength(1);
  });

  it('names an endpoint that does not exist, and an endpoint that does not answer in time', async () => {
    const profileId = await profile('Workspace for errors', { authType: 'pat', secret: PAT });
    await register('missing', profileId, 'no-such-endpoint');
    expect(await failure(core, 'models.predict', { model: 'remote:missing', records: [record] })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/serving endpoint "no-such-endpoint".*answered 404.*does not exist/),
    });
    await register('slow', profileId, 'slow-endpoint', 400);
    const started = Date.now();
    expect(await failure(core, 'models.predict', { model: 'remote:slow', records: [record] })).toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringMatching(/serving endpoint "slow-endpoint".*did not answer within 0\.4 s/),
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gets an OAuth machine-to-machine token from the workspace once and reuses it', async () => {
    const profileId = await profile('Workspace SP', { authType: 'oauth-m2m', clientId: SP.clientId, secret: SP.clientSecret });
    await register('approval-sp', profileId, 'approval-prod');
    const before = fake.tokensIssued();
    await predict('remote:approval-sp');
    await predict('remote:approval-sp');
    expect(fake.tokensIssued() - before).toBe(1);
    expect(fake.seen.at(-1)!.authorization).toBe(`Bearer ${SP.accessToken}`);

    const wrong = await profile('Workspace SP wrong secret', {
      authType: 'oauth-m2m',
      clientId: SP.clientId,
      secret: 'not-the-secret-1234',
    });
    await register('approval-sp-wrong', wrong, 'approval-prod');
    const err = await failure(core, 'models.predict', { model: 'remote:approval-sp-wrong', records: [record] });
    expect(err).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/rejected the service principal of the profile "Workspace SP wrong secret" \(HTTP 401\)/),
    });
    expect(err.message).not.toContain('not-the-secret-1234');
  });

  it('uses the token of an OAuth browser sign-in, and asks to sign in when there is none', async () => {
    const profileId = await profile('Workspace U2M', { authType: 'oauth-u2m' });
    await register('approval-u2m', profileId, 'approval-prod');
    expect(await failure(core, 'models.predict', { model: 'remote:approval-u2m', records: [record] })).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/profile "Workspace U2M" has not signed in yet/),
    });
    // What the driver's token persistence writes after a browser sign-in (src/core/warehouse/connect.ts).
    await core.secrets.set(
      `warehouse/${profileId}/oauth-token`,
      JSON.stringify({ accessToken: U2M, refreshToken: 'r', scopes: ['all-apis'] }),
    );
    expect((await predict('remote:approval-u2m')).predictions).toHaveLength(1);
    expect(fake.seen.at(-1)!.authorization).toBe(`Bearer ${U2M}`);
  });

  it('refuses an unknown profile, and an untrusted certificate when the profile has no CA', async () => {
    expect(
      await failure(core, 'models.registerServingEndpoint', {
        name: 'x',
        profileId: 'nope',
        endpoint: 'approval-prod',
        schemaOf: 'approval_propensity',
      }),
    ).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no connection profile "nope"/),
    });
    const noCa = await call(core, 'warehouse.saveProfile', {
      name: 'No CA',
      host: fake.host,
      warehouseId: 'abc123',
      authType: 'pat',
      secret: PAT,
    });
    await register('untrusted', noCa.profile.id, 'approval-prod');
    expect(await failure(core, 'models.predict', { model: 'remote:untrusted', records: [record] })).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/self-signed and not trusted/),
    });
  });
});
