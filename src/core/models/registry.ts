import type { ModelInfo } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { REFERENCE_ACCURACY, type FeatureSpec, type ModelName } from '../../shared/models/schema';
import type { Engine } from '../engine/engine';
import type { SecretStore } from '../ports';
import { DEFINITIONS } from './definitions';
import { LocalModel, type Artefact } from './local-model';
import { RemoteModel, type RemoteAuth } from './remote-model';
import { endpointName, ServingAuth, servingUrl, type ProfileSource } from './serving-auth';
import createRegistrySql from './sql/registry_create.sql?raw';
import createRemoteSql from './sql/remote_create.sql?raw';
import insertSql from './sql/registry_insert.sql?raw';
import listSql from './sql/registry_list.sql?raw';
import artefactSql from './sql/registry_artefact.sql?raw';
import deleteSql from './sql/registry_delete.sql?raw';
import remoteInsertSql from './sql/remote_insert.sql?raw';
import remoteListSql from './sql/remote_list.sql?raw';
import remoteDeleteSql from './sql/remote_delete.sql?raw';
import remoteAddProfileSql from './sql/remote_add_profile.sql?raw';
import addSettingsSql from './sql/registry_add_settings.sql?raw';

export type Scorer = LocalModel | RemoteModel;

/** A version about to be saved: everything in ModelInfo the database does not assign. */
export type NewVersion = Omit<ModelInfo, 'id' | 'version' | 'createdAt' | 'kind' | 'remote'> & { artefact: Artefact };

export const localId = (name: string, version: number) => `${name}@v${version}`;
export const remoteId = (name: string) => `remote:${name}`;

/**
 * The model registry in DuckDB (model_registry, model_remote_endpoints): versions with their
 * schema, window, metrics and artefact, so a restart keeps them. Loaded models are cached.
 */
export class ModelRegistry {
  private ready?: Promise<void>;
  private readonly cache = new Map<string, Scorer>();
  private readonly serving?: ServingAuth;

  /** `profiles`: the Databricks connection profiles serving endpoints authenticate with. */
  constructor(
    private readonly engine: Engine,
    private readonly secrets: SecretStore,
    private readonly profiles?: ProfileSource,
  ) {
    if (profiles) this.serving = new ServingAuth(profiles, secrets);
  }

  /**
   * Upgrades a table from before serving endpoints had a profile or versions their settings. DuckDB 1.5 cannot replay an
   * ADD COLUMN on a table with a `DEFAULT current_timestamp` column from the WAL: a crash before
   * the next checkpoint would leave a database that no longer opens, so checkpoint at once.
   */
  private async addColumn(table: string, column: string, sql: string): Promise<void> {
    const found = await this.engine.query(
      'SELECT count(*) FROM duckdb_columns() WHERE table_name = $table AND column_name = $column AND schema_name = current_schema()',
      { params: { table, column } },
    );
    if (Number(found.rows[0]?.[0] ?? 0) > 0) return;
    await this.engine.run(sql);
    await this.engine.run('CHECKPOINT');
  }

  private ensure(): Promise<void> {
    this.ready ??= (async () => {
      await this.engine.run(createRegistrySql);
      await this.engine.run(createRemoteSql);
      await this.addColumn('model_remote_endpoints', 'profile_id', remoteAddProfileSql);
      await this.addColumn('model_registry', 'settings', addSettingsSql);
    })();
    return this.ready;
  }

  /** Saves a new version (next number for its name) and returns its description. */
  async save(v: NewVersion): Promise<ModelInfo> {
    await this.ensure();
    const r = await this.engine.query(insertSql, {
      params: {
        name: v.name,
        algorithm: v.algorithm,
        label: v.label,
        classes: JSON.stringify(v.classes),
        positive_class: v.positiveClass,
        features: JSON.stringify(v.features),
        training_window: JSON.stringify(v.trainingWindow),
        metrics: JSON.stringify(v.metrics),
        reference_accuracy: v.referenceAccuracy,
        training_seconds: v.trainingSeconds ?? 0,
        artefact: JSON.stringify(v.artefact),
        settings: v.settings ? JSON.stringify(v.settings) : null,
      },
    });
    const version = Number(r.rows[0]![0]);
    const { artefact: _artefact, ...rest } = v;
    return { ...rest, id: localId(v.name, version), version, kind: 'local', remote: null, createdAt: String(r.rows[0]![1]) };
  }

  async list(): Promise<ModelInfo[]> {
    await this.ensure();
    const local = await this.engine.query(listSql, { maxRows: 100_000 });
    const out: ModelInfo[] = local.rows.map((row) => {
      const [name, version, algorithm, label, classes, positive, features, window, metrics, reference, seconds, created, settings] =
        row as [string, number, string, string, string, string | null, string, string, string, number, number, string, string | null];
      return {
        id: localId(name, version),
        name,
        kind: 'local',
        schemaOf: name as ModelName,
        version,
        algorithm,
        classes: JSON.parse(classes) as string[],
        positiveClass: positive,
        features: JSON.parse(features) as FeatureSpec[],
        label,
        trainingWindow: JSON.parse(window) as ModelInfo['trainingWindow'],
        metrics: JSON.parse(metrics) as ModelInfo['metrics'],
        referenceAccuracy: reference,
        trainingSeconds: seconds,
        settings: settings ? (JSON.parse(settings) as ModelInfo['settings']) : null,
        createdAt: created,
        remote: null,
      };
    });
    const remote = await this.engine.query(remoteListSql, { maxRows: 10_000 });
    for (const row of remote.rows) {
      const [name, url, schemaOf, format, timeoutMs, , features, created, profileId] = row as [
        string,
        string,
        ModelName,
        'dataframe_records' | 'dataframe_split',
        number,
        boolean,
        string,
        string,
        string | null,
      ];
      const def = DEFINITIONS[schemaOf];
      out.push({
        id: remoteId(name),
        name,
        kind: 'remote',
        schemaOf,
        version: null,
        algorithm: profileId ? 'remote (Databricks Model Serving)' : 'remote (MLflow /invocations)',
        classes: def.classes,
        positiveClass: def.positiveClass,
        features: JSON.parse(features) as FeatureSpec[],
        label: def.label,
        trainingWindow: null,
        metrics: null,
        referenceAccuracy: REFERENCE_ACCURACY[schemaOf],
        trainingSeconds: null,
        settings: null,
        createdAt: created,
        remote: { url, format, timeoutMs, profileId: profileId ?? null },
      });
    }
    return out;
  }

  /** The newest local version of a model, if any. */
  async newest(name: ModelName): Promise<ModelInfo | undefined> {
    return (await this.list()).find((m) => m.kind === 'local' && m.name === name);
  }

  /** Loads a model for scoring by id (`name@vN`, `name` for the newest, or `remote:name`). */
  async load(id: string): Promise<Scorer> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const all = await this.list();
    const info = all.find((m) => m.id === id) ?? all.find((m) => m.kind === 'local' && m.name === id);
    if (!info) {
      const known = all.map((m) => m.id).join(', ') || 'none yet: train first (Models page, or `medallion models train`)';
      throw new AppError('NOT_FOUND', `There is no model "${id}". Known models: ${known}.`);
    }
    if (this.cache.has(info.id)) return this.cache.get(info.id)!;
    let scorer: Scorer;
    if (info.kind === 'remote') {
      scorer = new RemoteModel(info, await this.remoteAuth(info));
    } else {
      const r = await this.engine.query(artefactSql, { params: { name: info.name, version: info.version! } });
      scorer = new LocalModel(info, JSON.parse(String(r.rows[0]![0])) as Artefact);
    }
    this.cache.set(info.id, scorer);
    return scorer;
  }

  /** How a remote model authenticates: its own stored token, or its connection profile's. */
  private async remoteAuth(info: ModelInfo): Promise<(signal?: AbortSignal) => Promise<RemoteAuth>> {
    const profileId = info.remote!.profileId;
    if (!profileId) {
      const token = await this.secrets.get(secretKey(info.name));
      return async () => ({ token });
    }
    const serving = this.serving;
    if (!serving) throw new AppError('UNAVAILABLE', `"${info.id}" uses a Databricks connection profile, which is not available here.`);
    const endpoint = endpointName(info.remote!.url);
    return async (signal) => {
      const c = await serving.credentials(profileId, signal);
      return {
        url: servingUrl(c.host, endpoint),
        token: c.token,
        ca: c.ca,
        target: `the serving endpoint "${endpoint}" on ${c.host} (profile "${c.profileName}")`,
        rejected: () => serving.forget(profileId),
      };
    };
  }

  async delete(id: string): Promise<boolean> {
    await this.ensure();
    this.cache.delete(id);
    if (id.startsWith('remote:')) {
      const name = id.slice('remote:'.length);
      await this.engine.run(remoteDeleteSql, { params: { name } });
      await this.secrets.delete(secretKey(name));
      return true;
    }
    const m = /^(.+)@v(\d+)$/.exec(id);
    if (!m) throw new AppError('INVALID_INPUT', `"${id}" is not a model version id (expected name@vN or remote:name).`);
    await this.engine.run(deleteSql, { params: { name: m[1]!, version: Number(m[2]) } });
    return true;
  }

  /** Registers (or replaces) a remote endpoint; its token goes to the secret store, never the database. */
  async registerRemote(r: {
    name: string;
    url: string;
    schemaOf: ModelName;
    format: 'dataframe_records' | 'dataframe_split';
    timeoutMs: number;
    token?: string;
  }): Promise<ModelInfo> {
    await this.ensure();
    const newest = await this.newest(r.schemaOf);
    const features = newest?.features ?? defaultFeatures(r.schemaOf);
    if (r.token) await this.secrets.set(secretKey(r.name), r.token);
    await this.engine.run(remoteInsertSql, {
      params: {
        name: r.name,
        url: r.url,
        schema_of: r.schemaOf,
        format: r.format,
        timeout_ms: r.timeoutMs,
        has_token: Boolean(r.token),
        features: JSON.stringify(features),
        profile_id: null,
      },
    });
    this.cache.delete(remoteId(r.name));
    return (await this.list()).find((m) => m.id === remoteId(r.name))!;
  }

  /**
   * Registers (or replaces) a Databricks Model Serving endpoint by name on a connection
   * profile's workspace; each call authenticates with the profile's token, which is never
   * copied into the registry.
   */
  async registerServingEndpoint(r: {
    name: string;
    profileId: string;
    endpoint: string;
    schemaOf: ModelName;
    format: 'dataframe_records' | 'dataframe_split';
    timeoutMs: number;
  }): Promise<ModelInfo> {
    await this.ensure();
    if (!this.profiles) throw new AppError('UNAVAILABLE', 'Databricks connection profiles are not available here.');
    const profile = await this.profiles.resolve(r.profileId);
    const newest = await this.newest(r.schemaOf);
    await this.secrets.delete(secretKey(r.name));
    await this.engine.run(remoteInsertSql, {
      params: {
        name: r.name,
        url: servingUrl(profile.host, r.endpoint),
        schema_of: r.schemaOf,
        format: r.format,
        timeout_ms: r.timeoutMs,
        has_token: false,
        features: JSON.stringify(newest?.features ?? defaultFeatures(r.schemaOf)),
        profile_id: profile.id,
      },
    });
    this.cache.delete(remoteId(r.name));
    return (await this.list()).find((m) => m.id === remoteId(r.name))!;
  }
}

const secretKey = (name: string) => `models.remote.${name}`;

/** A schema for a remote model when no local model exists yet: the definition with generic bounds. */
export function defaultFeatures(name: ModelName): FeatureSpec[] {
  return DEFINITIONS[name].features.map((f) => {
    if (f.type === 'category') return { ...f, typical: f.categories![0]! };
    if (f.type === 'boolean') return { ...f, typical: false };
    const max = f.max ?? 100_000;
    const min = f.min ?? 0;
    return { ...f, max, typical: f.name === 'amount' ? 100 : f.type === 'integer' ? Math.round((min + max) / 2) : (min + max) / 2 };
  });
}
