import type { DBSQLClient, LogLevel } from '@databricks/sql';
import type IDBSQLLogger from '@databricks/sql/dist/contracts/IDBSQLLogger';
import type { ConnectionOptions } from '@databricks/sql/dist/contracts/IDBSQLClient';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../ports';
import { warehouseDriver } from './lazy-driver';
import { oauthTokenKey, type ResolvedProfile } from './profiles';
import { redact } from './redact';

/** Where driver and connection log lines go, already redacted. */
export type WarehouseLog = (level: string, message: string) => void;

/** Knobs tests and the CLI may set; defaults suit a real warehouse. */
export interface ConnectTuning {
  /** Per-request socket timeout; also bounds how long "unreachable" takes to decide. */
  socketTimeoutMs?: number;
  retryMaxAttempts?: number;
  retryDelayMinMs?: number;
  retryDelayMaxMs?: number;
  /** How long a starting warehouse (503 + Retry-After on OpenSession) is waited for; classic warehouses take minutes. */
  warehouseStartTimeoutMs?: number;
  /** Progress while waiting for a starting warehouse. */
  onWarehouseStarting?: (progress: { waitedMs: number; nextWaitMs: number; budgetMs: number; message: string }) => void;
}

export const DEFAULT_TUNING: Required<Omit<ConnectTuning, 'onWarehouseStarting'>> = {
  socketTimeoutMs: 30_000,
  retryMaxAttempts: 4,
  retryDelayMinMs: 500,
  retryDelayMaxMs: 8_000,
  warehouseStartTimeoutMs: 6 * 60_000,
};

/** Scopes of the browser (U2M) login: SQL and Model Serving (`all-apis`), and a refresh token (`offline_access`). */
export const U2M_SCOPES = ['all-apis', 'offline_access'] as const;

/** Splits `host[:port]`. */
export function hostAndPort(host: string): { host: string; port: number } {
  const m = /^(.*?)(?::(\d+))?$/.exec(host)!;
  return { host: m[1]!, port: m[2] ? Number(m[2]) : 443 };
}

/** The driver's logger, redirected to our log with secrets removed. */
export function driverLogger(log: WarehouseLog, secrets: string[]): IDBSQLLogger {
  return {
    log(level: LogLevel, message: string) {
      if (level === warehouseDriver().LogLevel.debug) return;
      log(level, redact(message, secrets));
    },
  };
}

/**
 * Opens a driver client for a profile: auth from the profile's secret (PAT, OAuth M2M) or
 * the browser login (OAuth U2M, tokens cached in the secret store), extra CA from the
 * profile, telemetry off, and short retry budgets so a dead warehouse fails in seconds.
 */
export async function connectClient(
  profile: ResolvedProfile,
  secrets: SecretStore,
  log: WarehouseLog,
  tuning: ConnectTuning = {},
): Promise<DBSQLClient> {
  const t = { ...DEFAULT_TUNING, ...tuning };
  const { host, port } = hostAndPort(profile.host);
  const secretList = profile.secret ? [profile.secret] : [];
  const client = new (warehouseDriver().DBSQLClient)({ logger: driverLogger(log, secretList) });
  const base: Record<string, unknown> = {
    host,
    port,
    path: profile.httpPath,
    socketTimeout: t.socketTimeoutMs,
    retryMaxAttempts: t.retryMaxAttempts,
    retryDelayMin: t.retryDelayMinMs,
    retryDelayMax: t.retryDelayMaxMs,
    retriesTimeout: Math.max(t.socketTimeoutMs * 2, 60_000),
    telemetryEnabled: false,
    preserveBigNumericPrecision: true,
    userAgentEntry: 'MedallionWorkbench',
  };
  if (profile.caCertPath) {
    try {
      base.customCaCert = readFileSync(profile.caCertPath, 'utf8');
    } catch {
      throw new AppError('INVALID_FILE', `Could not read the CA certificate file ${profile.caCertPath}. Check the path in the profile.`);
    }
  }
  let auth: Record<string, unknown>;
  if (profile.authType === 'pat') {
    if (!profile.secret)
      throw new AppError(
        'UNAUTHORIZED',
        `The profile "${profile.name}" has no access token stored. Edit the profile and enter a personal access token.`,
      );
    auth = { authType: 'access-token', token: profile.secret };
  } else if (profile.authType === 'oauth-m2m') {
    if (!profile.secret || !profile.clientId) {
      throw new AppError(
        'UNAUTHORIZED',
        `The profile "${profile.name}" needs a service principal's client id and secret for OAuth machine-to-machine.`,
      );
    }
    // Databricks' own OAuth (/oidc/v1/token) on every cloud by default: a Databricks-managed service principal
    // works on Azure too. Microsoft Entra ID (what the driver picks for Azure hosts) only when the profile asks.
    auth = {
      authType: 'databricks-oauth',
      oauthClientId: profile.clientId,
      oauthClientSecret: profile.secret,
      ...azureIssuer(profile),
    };
  } else {
    // The driver's own U2M provider, built here because DBSQLClient.connect does not pass scopes on: `all-apis`
    // so the same login also calls Model Serving, `offline_access` for the refresh token it renews expired tokens with.
    const DatabricksOAuth = (driverRequire('./connection/auth/DatabricksOAuth') as { default: new (o: Record<string, unknown>) => unknown })
      .default;
    const provider = new DatabricksOAuth({
      flow: 'U2M',
      host,
      ...(profile.clientId ? { clientId: profile.clientId } : {}),
      scopes: [...U2M_SCOPES],
      ...azureIssuer(profile),
      persistence: secretStorePersistence(secrets, oauthTokenKey(profile.id)),
      context: client,
    });
    auth = { authType: 'custom', provider };
  }
  await client.connect({ ...base, ...auth } as unknown as ConnectionOptions);
  return client;
}

/** The driver's choice of token issuer on Azure hosts (other clouds always use Databricks OAuth). */
function azureIssuer(profile: ResolvedProfile): Record<string, unknown> {
  if (profile.oauthProvider !== 'entra') return { useDatabricksOAuthInAzure: true };
  return { useDatabricksOAuthInAzure: false, ...(profile.azureTenantId ? { azureTenantId: profile.azureTenantId } : {}) };
}

interface OAuthTokenLike {
  accessToken: string;
  refreshToken?: string;
  scopes?: string[];
}

const driverRequire = createRequire(require.resolve('@databricks/sql'));

/** OAuth U2M tokens kept in the secret store (keychain in the desktop), so a login survives restarts. */
function secretStorePersistence(secrets: SecretStore, key: string) {
  const OAuthToken = (
    driverRequire('./connection/auth/DatabricksOAuth/OAuthToken') as {
      default: new (a: string, r?: string, s?: string[]) => OAuthTokenLike;
    }
  ).default;
  return {
    async persist(_host: string, token: OAuthTokenLike) {
      await secrets.set(key, JSON.stringify({ accessToken: token.accessToken, refreshToken: token.refreshToken, scopes: token.scopes }));
    },
    async read() {
      const raw = await secrets.get(key);
      if (!raw) return undefined;
      try {
        const t = JSON.parse(raw) as OAuthTokenLike;
        // A login from before Model Serving needed `all-apis` (SQL scope only) is not reused: log in again.
        if (t.scopes && !t.scopes.includes('all-apis')) return undefined;
        return new OAuthToken(t.accessToken, t.refreshToken, t.scopes);
      } catch {
        return undefined;
      }
    },
  };
}
