import { DBSQLClient } from '@databricks/sql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectClient } from '../../../../src/core/warehouse/connect';
import { diagnose } from '../../../../src/core/warehouse/errors';
import { ProfileStore, type ResolvedProfile } from '../../../../src/core/warehouse/profiles';
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
  oauthProvider: 'databricks',
  azureTenantId: null,
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

const driverRequire = createRequire(require.resolve('@databricks/sql'));
const OAuthManager = (driverRequire('./connection/auth/DatabricksOAuth/OAuthManager') as { default: { getManager(o: unknown): unknown } })
  .default;

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
    expect(await optionsFor(base)).toMatchObject({
      authType: 'access-token',
      token: base.secret,
      host: 'adb-1.azuredatabricks.net',
      port: 443,
      telemetryEnabled: false,
    });
    expect(await optionsFor({ ...base, host: 'localhost:8443' })).toMatchObject({ host: 'localhost', port: 8443 });
  });

  it('uses client credentials for OAuth M2M, against Databricks OAuth (/oidc) even on an Azure host', async () => {
    const o = await optionsFor({ ...base, authType: 'oauth-m2m', clientId: 'sp-123', secret: 'sp-secret' });
    expect(o).toMatchObject({ authType: 'databricks-oauth', oauthClientId: 'sp-123', oauthClientSecret: 'sp-secret' });
    // The driver's own manager choice for these options: Databricks' OIDC endpoint, not Microsoft Entra.
    const manager = OAuthManager.getManager({ ...o, flow: 'M2M', clientId: o.oauthClientId, clientSecret: o.oauthClientSecret }) as {
      getOIDCConfigUrl(): string;
    };
    expect(manager.getOIDCConfigUrl()).toBe('https://adb-1.azuredatabricks.net/oidc/.well-known/oauth-authorization-server');
  });

  it('goes to Microsoft Entra ID only when the profile opts in (M2M and U2M), with its tenant', async () => {
    const entra = { ...base, oauthProvider: 'entra' as const, azureTenantId: 'contoso-tenant-id' };
    const m2m = await optionsFor({ ...entra, authType: 'oauth-m2m', clientId: 'sp-123', secret: 'sp-secret' });
    expect(m2m).toMatchObject({ authType: 'databricks-oauth', useDatabricksOAuthInAzure: false, azureTenantId: 'contoso-tenant-id' });
    const manager = OAuthManager.getManager({ ...m2m, flow: 'M2M', clientId: m2m.oauthClientId, clientSecret: m2m.oauthClientSecret }) as {
      getOIDCConfigUrl(): string;
    };
    expect(manager.getOIDCConfigUrl()).toBe('https://login.microsoftonline.com/contoso-tenant-id/v2.0/.well-known/openid-configuration');
    const u2m = (await optionsFor({ ...entra, authType: 'oauth-u2m', secret: undefined })).provider as {
      getManager(): { getOIDCConfigUrl(): string };
    };
    expect(u2m.getManager().getOIDCConfigUrl()).toBe(
      'https://login.microsoftonline.com/contoso-tenant-id/v2.0/.well-known/openid-configuration',
    );
    // The same profile left on the default issuer stays on the workspace's own OAuth.
    const own = await optionsFor({ ...entra, oauthProvider: 'databricks', authType: 'oauth-m2m', clientId: 'sp-123', secret: 's' });
    expect(own).toMatchObject({ useDatabricksOAuthInAzure: true });
    expect(own).not.toHaveProperty('azureTenantId');
  });

  it('stores the issuer choice with the profile; profiles saved before the option mean Databricks OAuth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medallion-profiles-'));
    const file = join(dir, 'profiles.json');
    const store = new ProfileStore(file, new MemorySecrets(), {});
    const draft = { name: 'Azure', host: 'adb-2.azuredatabricks.net', warehouseId: 'abc', authType: 'oauth-m2m' as const, clientId: 'sp' };
    const entra = await store.save({ ...draft, oauthProvider: 'entra', azureTenantId: 'tenant-1' });
    expect(entra).toMatchObject({ oauthProvider: 'entra', azureTenantId: 'tenant-1' });
    expect(await store.resolve(entra.id)).toMatchObject({ oauthProvider: 'entra', azureTenantId: 'tenant-1' });
    const plain = await store.save(draft);
    expect(plain).toMatchObject({ oauthProvider: 'databricks', azureTenantId: null });
    const old = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, unknown>[] };
    for (const p of old.profiles) {
      delete p.oauthProvider;
      delete p.azureTenantId;
    }
    writeFileSync(file, JSON.stringify(old));
    expect((await store.list()).map((p) => p.oauthProvider)).toEqual(['databricks', 'databricks']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in (U2M) with scopes that cover Model Serving and a refresh token, on Databricks OAuth', async () => {
    const o = await optionsFor({ ...base, authType: 'oauth-u2m', secret: undefined });
    expect(o.authType).toBe('custom');
    const provider = o.provider as { options: { scopes: string[]; flow: string }; getManager(): { getOIDCConfigUrl(): string } };
    expect(provider.options.flow).toBe('U2M');
    expect(provider.options.scopes).toEqual(['all-apis', 'offline_access']);
    expect(provider.getManager().getOIDCConfigUrl()).toBe('https://adb-1.azuredatabricks.net/oidc/.well-known/oauth-authorization-server');
  });

  it('renews an expired U2M access token with its refresh token (the driver provider, our token store)', async () => {
    const secrets = new MemorySecrets();
    const o = await optionsFor({ ...base, authType: 'oauth-u2m', secret: undefined }, secrets);
    const provider = o.provider as {
      authenticate(): Promise<Record<string, string>>;
      getManager(): { refreshAccessToken(t: unknown): Promise<unknown> };
    };
    const expired = `x.${Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) - 60 })).toString('base64url')}.y`;
    await secrets.set(
      'warehouse/p1/oauth-token',
      JSON.stringify({ accessToken: expired, refreshToken: 'rt-1', scopes: ['all-apis', 'offline_access'] }),
    );
    const renewed = vi.spyOn(provider.getManager(), 'refreshAccessToken').mockImplementation(async (t: unknown) => {
      const token = t as { refreshToken: string; hasExpired: boolean };
      expect(token.refreshToken).toBe('rt-1');
      expect(token.hasExpired).toBe(true);
      return new (token.constructor as new (a: string, r: string, s: string[]) => unknown)('fresh-at', 'rt-2', [
        'all-apis',
        'offline_access',
      ]);
    });
    expect(await provider.authenticate()).toMatchObject({ Authorization: 'Bearer fresh-at' });
    expect(renewed).toHaveBeenCalledTimes(1);
    expect(secrets.values.get('warehouse/p1/oauth-token')).toContain('rt-2');
  });

  it('keeps OAuth U2M tokens in the secret store across restarts', async () => {
    const secrets = new MemorySecrets();
    const o = await optionsFor({ ...base, authType: 'oauth-u2m', secret: undefined }, secrets);
    const persistence = (o.provider as { options: { persistence: unknown } }).options.persistence as {
      persist(h: string, t: unknown): Promise<void>;
      read(h: string): Promise<{ accessToken: string; refreshToken?: string } | undefined>;
    };
    expect(await persistence.read(base.host)).toBeUndefined();
    await persistence.persist(base.host, { accessToken: 'at-1', refreshToken: 'rt-1', scopes: ['all-apis', 'offline_access'] });
    expect(secrets.values.get('warehouse/p1/oauth-token')).toContain('at-1');
    const again = (await optionsFor({ ...base, authType: 'oauth-u2m', secret: undefined }, secrets)).provider as {
      options: { persistence: typeof persistence };
    };
    const token = await again.options.persistence.read(base.host);
    expect(token).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
    // A login kept from the SQL-only scope cannot call Model Serving: it is not reused.
    await persistence.persist(base.host, { accessToken: 'old', refreshToken: 'rt-0', scopes: ['sql', 'offline_access'] });
    expect(await again.options.persistence.read(base.host)).toBeUndefined();
  });

  it('refuses a PAT profile without a token before any network call', async () => {
    await expect(connectClient({ ...base, secret: undefined }, new MemorySecrets(), () => undefined)).rejects.toThrow(
      /no access token stored/,
    );
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
    const forbidden = diagnose(
      Object.assign(new Error('Received a response with a bad HTTP status code: 403'), { statusCode: 403 }),
      where,
    );
    const expired = diagnose(Object.assign(new Error('Received a response with a bad HTTP status code: 401'), { statusCode: 401 }), where);
    expect([forbidden.code, expired.code]).toEqual(['FORBIDDEN', 'UNAUTHORIZED']);
    expect(forbidden.message).toMatch(/CAN USE.*IP access list/s);
    expect(forbidden.message).not.toMatch(/expired/);
    expect(expired.message).toMatch(/expired/);
    expect(diagnose(new Error('Hive driver: 503 when connecting to resource. Max retry count exceeded.'), where).verdict).toBe(
      'warehouse_stopped',
    );
    expect(diagnose(Object.assign(new Error('request failed'), { code: 'ENOTFOUND' }), where).verdict).toBe('unreachable');
    expect(diagnose(Object.assign(new Error('x'), { cause: { code: 'CERT_HAS_EXPIRED' } }), where).verdict).toBe('tls');
    expect(
      diagnose(Object.assign(new Error('boom'), { errorCode: 'ERROR', response: { displayMessage: 'Table not found' } }), where),
    ).toMatchObject({ code: 'SQL_ERROR' });
  });
});
