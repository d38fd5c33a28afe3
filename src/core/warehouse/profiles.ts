import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { WarehouseAuthType, WarehouseOAuthProvider, type WarehouseProfile } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../ports';
import { readJsonChecked, writeJsonAtomic } from '../store/json-store';

/** A profile as stored on disk: everything but the secret. */
export interface StoredProfile {
  id: string;
  name: string;
  host: string;
  httpPath: string;
  warehouseId: string | null;
  catalog: string | null;
  schema: string | null;
  authType: WarehouseAuthType;
  clientId: string | null;
  /** Databricks OAuth unless the user opted into Microsoft Entra ID (Azure). */
  oauthProvider: WarehouseOAuthProvider;
  azureTenantId: string | null;
  caCertPath: string | null;
}

const nullableText = z.string().nullable().default(null);
/** The profiles file, checked when read (no secret in it). */
const ProfilesFile = z.object({
  profiles: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      host: z.string(),
      httpPath: z.string(),
      warehouseId: nullableText,
      catalog: nullableText,
      schema: nullableText,
      authType: WarehouseAuthType,
      clientId: nullableText,
      // Files written before the option existed meant Databricks OAuth.
      oauthProvider: WarehouseOAuthProvider.default('databricks'),
      azureTenantId: nullableText,
      caCertPath: nullableText,
    }),
  ),
});

/** A profile with its secret, for core's own use only (never returned by the API). */
export interface ResolvedProfile extends StoredProfile {
  source: 'saved' | 'env';
  secret: string | undefined;
}

export interface ProfileDraft {
  id?: string;
  name: string;
  host: string;
  httpPath?: string;
  warehouseId?: string;
  catalog?: string;
  schema?: string;
  authType: WarehouseAuthType;
  clientId?: string;
  oauthProvider?: WarehouseOAuthProvider;
  azureTenantId?: string;
  caCertPath?: string;
  secret?: string;
  clearSecret?: boolean;
}

export const ENV_PROFILE_ID = 'env';

/** The secret-store key of a profile's secret (PAT or OAuth client secret). */
export const secretKey = (id: string) => `warehouse/${id}/secret`;
/** The secret-store key of cached OAuth user tokens. */
export const oauthTokenKey = (id: string) => `warehouse/${id}/oauth-token`;

/** `adb-1.azuredatabricks.net`, without scheme or trailing slash; a port may follow. */
export function normaliseHost(host: string): string {
  return host
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
}

export function pathForWarehouse(id: string): string {
  return `/sql/1.0/warehouses/${id}`;
}

/**
 * Connection profiles: their settings in a JSON file in the user-data folder, their secrets
 * only in the SecretStore (keychain or 0600 file), plus one read-only profile from the
 * DATABRICKS_* environment variables when they are set.
 */
export class ProfileStore {
  constructor(
    private readonly file: string,
    private readonly secrets: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private readAll(): StoredProfile[] {
    const r = readJsonChecked(this.file, ProfilesFile, { keepDamaged: true });
    return r.state === 'ok' ? r.value.profiles : [];
  }

  private writeAll(profiles: StoredProfile[]): void {
    writeJsonAtomic(this.file, { profiles }, { secret: true, indent: 2 });
  }

  private envProfile(): ResolvedProfile | undefined {
    const host = this.env.DATABRICKS_HOST;
    if (!host) return undefined;
    const warehouseId = this.env.DATABRICKS_WAREHOUSE_ID || null;
    const httpPath = this.env.DATABRICKS_HTTP_PATH || (warehouseId ? pathForWarehouse(warehouseId) : '');
    const m2m = Boolean(this.env.DATABRICKS_CLIENT_ID && this.env.DATABRICKS_CLIENT_SECRET && !this.env.DATABRICKS_TOKEN);
    return {
      id: ENV_PROFILE_ID,
      name: 'Environment (DATABRICKS_*)',
      host: normaliseHost(host),
      httpPath,
      warehouseId,
      catalog: this.env.DATABRICKS_CATALOG || null,
      schema: this.env.DATABRICKS_SCHEMA || null,
      authType: m2m ? 'oauth-m2m' : 'pat',
      clientId: m2m ? (this.env.DATABRICKS_CLIENT_ID ?? null) : null,
      oauthProvider: 'databricks',
      azureTenantId: null,
      caCertPath: this.env.DATABRICKS_CA_CERT || null,
      source: 'env',
      secret: m2m ? this.env.DATABRICKS_CLIENT_SECRET : this.env.DATABRICKS_TOKEN || undefined,
    };
  }

  /** Every profile as the API shows it: `hasSecret` instead of the secret. */
  async list(): Promise<WarehouseProfile[]> {
    const out: WarehouseProfile[] = [];
    const env = this.envProfile();
    if (env) out.push(toPublic(env, Boolean(env.secret)));
    for (const p of this.readAll()) {
      const has = Boolean(await this.secrets.get(p.authType === 'oauth-u2m' ? oauthTokenKey(p.id) : secretKey(p.id)));
      out.push(toPublic({ ...p, source: 'saved', secret: undefined }, has));
    }
    return out;
  }

  /** A profile with its secret, for connecting. */
  async resolve(id: string): Promise<ResolvedProfile> {
    if (id === ENV_PROFILE_ID) {
      const env = this.envProfile();
      if (env) return env;
    }
    const stored = this.readAll().find((p) => p.id === id);
    if (!stored)
      throw new AppError('NOT_FOUND', `There is no connection profile "${id}". Choose one from the Connections page or create it first.`);
    return { ...stored, source: 'saved', secret: await this.secrets.get(secretKey(id)) };
  }

  async save(draft: ProfileDraft): Promise<WarehouseProfile> {
    if (draft.id === ENV_PROFILE_ID)
      throw new AppError('FORBIDDEN', 'The environment profile comes from DATABRICKS_* variables; change those instead.');
    const all = this.readAll();
    const id = draft.id ?? randomUUID();
    if (draft.id && !all.some((p) => p.id === draft.id))
      throw new AppError('NOT_FOUND', `There is no connection profile "${draft.id}" to update.`);
    const warehouseId = draft.warehouseId ?? null;
    const profile: StoredProfile = {
      id,
      name: draft.name,
      host: normaliseHost(draft.host),
      httpPath: draft.httpPath ? `/${draft.httpPath.replace(/^\/+/, '')}` : pathForWarehouse(warehouseId ?? ''),
      warehouseId,
      catalog: draft.catalog ?? null,
      schema: draft.schema ?? null,
      authType: draft.authType,
      clientId: draft.clientId ?? null,
      oauthProvider: draft.oauthProvider ?? 'databricks',
      azureTenantId: draft.oauthProvider === 'entra' ? (draft.azureTenantId ?? null) : null,
      caCertPath: draft.caCertPath ?? null,
    };
    if (profile.authType === 'oauth-m2m' && !profile.clientId)
      throw new AppError('INVALID_INPUT', 'OAuth machine-to-machine needs the client id of a service principal.');
    const index = all.findIndex((p) => p.id === id);
    if (index >= 0) all[index] = profile;
    else all.push(profile);
    this.writeAll(all);
    if (draft.clearSecret) {
      await this.secrets.delete(secretKey(id));
      await this.secrets.delete(oauthTokenKey(id));
    }
    if (draft.secret) await this.secrets.set(secretKey(id), draft.secret);
    const has = Boolean(await this.secrets.get(profile.authType === 'oauth-u2m' ? oauthTokenKey(id) : secretKey(id)));
    return toPublic({ ...profile, source: 'saved', secret: undefined }, has);
  }

  async delete(id: string): Promise<boolean> {
    if (id === ENV_PROFILE_ID)
      throw new AppError('FORBIDDEN', 'The environment profile comes from DATABRICKS_* variables; unset them instead.');
    const all = this.readAll();
    const rest = all.filter((p) => p.id !== id);
    if (rest.length === all.length) return false;
    this.writeAll(rest);
    await this.secrets.delete(secretKey(id));
    await this.secrets.delete(oauthTokenKey(id));
    return true;
  }
}

function toPublic(p: ResolvedProfile, hasSecret: boolean): WarehouseProfile {
  return {
    id: p.id,
    name: p.name,
    host: p.host,
    httpPath: p.httpPath,
    warehouseId: p.warehouseId,
    catalog: p.catalog,
    schema: p.schema,
    authType: p.authType,
    clientId: p.clientId,
    oauthProvider: p.oauthProvider,
    azureTenantId: p.azureTenantId,
    caCertPath: p.caCertPath,
    hasSecret,
    source: p.source,
  };
}
