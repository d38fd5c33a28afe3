import { z } from 'zod';
import { method } from '../define';
import { Column, SqlParams } from './common';
import { Catalog, QueryResult } from './engine';

/** How a profile authenticates: personal access token, OAuth machine-to-machine, or OAuth user login. */
export const WarehouseAuthType = z.enum(['pat', 'oauth-m2m', 'oauth-u2m']);
export type WarehouseAuthType = z.infer<typeof WarehouseAuthType>;

/**
 * Who issues OAuth tokens on an Azure workspace: the workspace's own Databricks OAuth (`/oidc`, the
 * default: Databricks-managed service principals) or Microsoft Entra ID (opt-in: Entra-managed ones).
 */
export const WarehouseOAuthProvider = z.enum(['databricks', 'entra']);
export type WarehouseOAuthProvider = z.infer<typeof WarehouseOAuthProvider>;

/** A connection profile as every caller sees it: never the secret, only whether one is stored. */
export const WarehouseProfile = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  httpPath: z.string(),
  warehouseId: z.string().nullable(),
  catalog: z.string().nullable(),
  schema: z.string().nullable(),
  authType: WarehouseAuthType,
  clientId: z.string().nullable(),
  oauthProvider: WarehouseOAuthProvider,
  /** The Entra tenant (directory) id, with `oauthProvider: 'entra'`; `organizations` when unset. */
  azureTenantId: z.string().nullable(),
  /** A PEM file of extra trusted CA certificates (corporate proxies, test warehouses). */
  caCertPath: z.string().nullable(),
  hasSecret: z.boolean(),
  /** 'env' profiles come from DATABRICKS_* variables and cannot be edited or deleted. */
  source: z.enum(['saved', 'env']),
});
export type WarehouseProfile = z.infer<typeof WarehouseProfile>;

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

/** Creating or editing a profile; `secret` is write-only and kept when omitted. */
export const SaveProfileInput = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1, 'Give the profile a name.'),
    host: z.string().trim().min(1, 'Enter the workspace host, e.g. adb-123.4.azuredatabricks.net.'),
    httpPath: optionalText,
    warehouseId: optionalText,
    catalog: optionalText,
    schema: optionalText,
    authType: WarehouseAuthType.default('pat'),
    clientId: optionalText,
    oauthProvider: WarehouseOAuthProvider.default('databricks'),
    azureTenantId: optionalText,
    caCertPath: optionalText,
    secret: z.string().optional(),
    clearSecret: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.httpPath || p.warehouseId, { message: 'Enter the HTTP path or the warehouse id.', path: ['httpPath'] });

export const ProfileRef = z.object({ profileId: z.string().min(1, 'Choose a connection profile.') }).strict();

/** What "test connection" found, precise enough to act on. */
export const ConnectionVerdict = z.object({
  ok: z.boolean(),
  verdict: z.enum(['ok', 'unreachable', 'tls', 'token_rejected', 'warehouse_stopped', 'wrong_path', 'no_secret', 'error']),
  message: z.string(),
  serverVersion: z.string().nullable(),
  latencyMs: z.number().nonnegative(),
});
export type ConnectionVerdict = z.infer<typeof ConnectionVerdict>;

/** One node of the lazy catalog tree. */
export const BrowseItem = z.object({
  name: z.string(),
  kind: z.enum(['catalog', 'schema', 'table', 'view', 'column']),
  type: z.string().nullable(),
  comment: z.string().nullable(),
});
export type BrowseItem = z.infer<typeof BrowseItem>;

export const BrowseInput = z
  .object({
    profileId: z.string().min(1),
    catalog: z.string().optional(),
    schema: z.string().optional(),
    table: z.string().optional(),
  })
  .strict();

export const WarehouseQueryInput = z
  .object({
    profileId: z.string().min(1, 'Choose a connection profile.'),
    sql: z.string().min(1, 'Enter a SQL statement.'),
    params: SqlParams.optional(),
    maxRows: z.number().int().positive().max(1_000_000).optional(),
    timeoutMs: z.number().int().positive().max(3_600_000).optional(),
  })
  .strict();

export const PullSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('table'), catalog: z.string().min(1), schema: z.string().min(1), table: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('query'), sql: z.string().min(1, 'Enter the query to pull.'), params: SqlParams.optional() }).strict(),
]);
export type PullSource = z.infer<typeof PullSource>;

export const PullInput = z
  .object({
    profileId: z.string().min(1),
    source: PullSource,
    /** The local table to create (replaced when `replace` is set). */
    target: z
      .string()
      .trim()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'The local table name may use letters, digits and _ and must not start with a digit.'),
    replace: z.boolean().optional(),
    maxRows: z.number().int().positive().optional(),
  })
  .strict();

export const PullResult = z.object({
  pullId: z.string(),
  table: z.string(),
  rows: z.number().int().nonnegative(),
  columns: z.array(Column),
  elapsedMs: z.number(),
  rowsPerSecond: z.number(),
  /** How rows were read: Arrow batches directly, or the driver's row objects. */
  reader: z.enum(['arrow', 'rows']),
});
export type PullResult = z.infer<typeof PullResult>;

/** Where a local table came from (the `warehouse_pulls` provenance table). */
export const PullRecord = z.object({
  pullId: z.string(),
  table: z.string(),
  profileName: z.string(),
  host: z.string(),
  source: z.string(),
  sql: z.string(),
  rows: z.number(),
  startedAt: z.string(),
  finishedAt: z.string(),
});

export const warehouseMethods = {
  'warehouse.listProfiles': method(
    z.object({}).strict(),
    z.object({ profiles: z.array(WarehouseProfile), secretsProtected: z.boolean() }),
    'Lists connection profiles (saved and from DATABRICKS_* variables), without secrets.',
  ),
  'warehouse.saveProfile': method(
    SaveProfileInput,
    z.object({ profile: WarehouseProfile }),
    'Creates or updates a profile; the secret goes to the secret store.',
  ),
  'warehouse.deleteProfile': method(ProfileRef, z.object({ deleted: z.boolean() }), 'Deletes a saved profile and its stored secret.'),
  'warehouse.testConnection': method(
    ProfileRef,
    ConnectionVerdict,
    'Connects, opens a session and runs SELECT 1; says precisely what failed.',
  ),
  'warehouse.browse': method(
    BrowseInput,
    z.object({ items: z.array(BrowseItem) }),
    'One level of the catalog tree: catalogs, or the schemas of a catalog, tables of a schema, columns of a table.',
  ),
  'warehouse.catalog': method(ProfileRef, Catalog, "The profile's default schema as engine.catalog shapes it (for autocomplete)."),
  'warehouse.query': method(WarehouseQueryInput, QueryResult, 'Runs one statement on the warehouse; the result is capped at maxRows.'),
  'warehouse.pull': method(
    PullInput,
    PullResult,
    'Copies a remote table, view or query result into a local DuckDB table, with progress events.',
  ),
  'warehouse.pulls': method(z.object({}).strict(), z.object({ pulls: z.array(PullRecord) }), 'Provenance of every table pulled to local.'),
  'warehouse.goldDdl': method(
    z.object({ catalog: z.string().optional(), schema: z.string().optional() }).strict(),
    z.object({ sql: z.string(), views: z.array(z.string()) }),
    'The Databricks SQL DDL that creates the gold views in Unity Catalog.',
  ),
  'warehouse.exportBundle': method(
    // No path in the input: the folder is chosen in a save dialog (desktop) or is the target's folder under user data.
    // `replace`: write into the folder the last export refused as not empty (the bundle's files replaced).
    z.object({ catalog: z.string().optional(), schema: z.string().optional(), replace: z.boolean().optional() }).strict(),
    z.object({ out: z.string(), catalog: z.string(), schema: z.string(), files: z.array(z.string()), silverRows: z.number().int() }),
    'Writes the local medallion as a Databricks Asset Bundle folder (pipeline, gold materialized views, dashboards).',
  ),
} as const;
