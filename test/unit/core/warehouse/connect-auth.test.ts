import { DBSQLClient } from '@databricks/sql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectClient } from '../../../../src/core/warehouse/connect';
import { diagnose } from '../../../../src/core/warehouse/errors';
import type { ResolvedProfile } from '../../../../src/core/warehouse/profiles';
import { redact } from '../../../../src/core/warehouse/redact';

const base: ResolvedProfile = {
  id: 'p1',
  name: 'Prod',
  host: 'adb-1.azuredatabricks.net',
  httpPath: '/sql/1.0/warehouses/abc',
  warehouseId: null,
  catalog: null,
  schema: null,
  authType: 'pat',
  clientId: null,
  caCertPath: null,
  source: 'saved',
  secret: 'dapi0123456789abcdef0123',
};

class MemorySecrets {
  readonly protectedAtRest = true;
  readonly values = new Map<string, string>();
  async get(k: string) {
    return this.values.get(k);
  }
  async set(k: string, v: string) {
    this.values.set(k, v);
  }
  async delete(k: string) {
    this.values.delete(k);
  }
}

afterEach(() => vi.restoreAllMocks());

/** The options connectClient hands to the driver (connect() itself does no network I/O). */
async function optionsFor(profile: ResolvedProfile, secrets = new MemorySecrets()) {
  const spy = vi.spyOn(DBSQLClient.prototype, 'connect').mockImplementation(async function (this: DBSQLClient) {
    return this;
  });
  await connectClient(profile, secrets, () => undefined);
  return spy.mock.lastCall![0] as unknown as Record<string, unknown>;
}

describe('driver auth options per profile', () => {
  it('uses the PAT as a bearer token, on port 443 unless the host names one', async () => {
    expect(await optionsFor(base)).toMatchObject({ authType: 'access-token', token: base.secret, host: 'adb-1.azuredatabricks.net', port: 443, telemetryEnabled: false });
    expect(await optionsFor({ ...base, host: 'localhost:8443' })).toMatchObject({ host: 'localhost', port: 8443 });
  });

  it('uses client credentials for OAuth M2M', async () => {
    const o = await optionsFor({ ...base, authType: 'oauth-m2m', clientId: 'sp-123', secret: 'sp-secret' });
    expect(o).toMatchObject({ authType: 'databricks-oauth', oauthClientId: 'sp-123', oauthClientSecret: 'sp-secret' });
  });

  it('keeps OAuth U2M tokens in the secret store across restarts', async () => {
    const secrets = new MemorySecrets();
    const o = await optionsFor({ ...base, authType: 'oauth-u2m', secret: undefined }, secrets);
    expect(o.authType).toBe('databricks-oauth');
    const persistence = o.persistence as { persist(h: string, t: unknown): Promise<void>; read(h: string): Promise<{ accessToken: string; refreshToken?: string } | undefined> };
    expect(await persistence.read(base.host)).toBeUndefined();
    await persistence.persist(base.host, { accessToken: 'at-1', refreshToken: 'rt-1', scopes: ['sql'] });
    expect(secrets.values.get('warehouse/p1/oauth-token')).toContain('at-1');
    const again = (await optionsFor({ ...base, authType: 'oauth-u2m', secret: undefined }, secrets)).persistence as typeof persistence;
    const token = await again.read(base.host);
    expect(token).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
  });

  it('refuses a PAT profile without a token before any network call', async () => {
    await expect(connectClient({ ...base, secret: undefined }, new MemorySecrets(), () => undefined)).rejects.toThrow(/no access token stored/);
  });

  it('names an unreadable CA file', async () => {
    await expect(optionsFor({ ...base, caCertPath: '/nonexistent/ca.pem' })).rejects.toThrow(/Could not read the CA certificate file/);
  });
});

describe('redact and diagnose', () => {
  it('removes known secrets, bearer headers and PAT-shaped strings', () => {
    const text = redact('Authorization: Bearer abc.def and dapi0123456789abcdef0123 and "token":"xyz" and mine', ['mine']);
    expect(text).not.toMatch(/abc\.def|dapi0123456789abcdef0123|xyz|mine/);
  });

  it('reads driver and network failures as verdicts', () => {
    const where = { host: 'h', path: '/p' };
    expect(diagnose(Object.assign(new Error('Received a response with a bad HTTP status code: 403'), { statusCode: 403 }), where).verdict).toBe('token_rejected');
    expect(diagnose(new Error('Hive driver: 503 when connecting to resource. Max retry count exceeded.'), where).verdict).toBe('warehouse_stopped');
    expect(diagnose(Object.assign(new Error('request failed'), { code: 'ENOTFOUND' }), where).verdict).toBe('unreachable');
    expect(diagnose(Object.assign(new Error('x'), { cause: { code: 'CERT_HAS_EXPIRED' } }), where).verdict).toBe('tls');
    expect(diagnose(Object.assign(new Error('boom'), { errorCode: 'ERROR', response: { displayMessage: 'Table not found' } }), where)).toMatchObject({ code: 'SQL_ERROR' });
  });
});
