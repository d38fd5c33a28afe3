import type IDBSQLSession from '@databricks/sql/dist/contracts/IDBSQLSession';
import type { Catalog, ConnectionVerdict, PullResult, QueryResult, WarehouseProfile } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../api/event-bus';
import type { Engine } from '../engine/engine';
import type { JobRegistry } from '../jobs/job-registry';
import type { SecretStore } from '../ports';
import { browseLevel, readRemoteCatalog } from './browse';
import type { ConnectTuning, WarehouseLog } from './connect';
import { ProfileStore, type ProfileDraft, type ResolvedProfile } from './profiles';
import type { PullProgress } from './pull';
import { runQuery } from './run-statement';
import { SessionPool, type StartingProgress } from './session-pool';
import listPullsSql from './sql/list_warehouse_pulls.sql?raw';
import { testConnection } from './test-connection';
import type { PullInputParsed, WarehouseQueryParsed } from './types';

export const DEFAULT_WAREHOUSE_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_WAREHOUSE_MAX_ROWS = 10_000;

export interface WarehouseServiceOptions {
  profilesFile: string;
  secrets: SecretStore;
  /** The local database pulls write into; a session without it (a warehouse-only CLI command) cannot pull. */
  engine?: Engine;
  events: EventBus;
  /** Pulls run as jobs here (single-flight per target table, jobs.cancel). */
  jobs?: JobRegistry;
  log?: WarehouseLog;
  tuning?: ConnectTuning;
  env?: NodeJS.ProcessEnv;
}

/** Everything the app does with Databricks SQL warehouses, behind the warehouse.* methods. */
export class WarehouseService {
  readonly profiles: ProfileStore;
  private readonly pool: SessionPool;
  private readonly log: WarehouseLog;
  private readonly changeListeners = new Set<() => Promise<void>>();

  constructor(private readonly options: WarehouseServiceOptions) {
    this.log = options.log ?? (() => undefined);
    this.profiles = new ProfileStore(options.profilesFile, options.secrets, options.env);
    this.pool = new SessionPool(this.profiles, options.secrets, this.log, options.tuning, (profile, p) => this.starting(profile, p));
  }

  /** Tells every window that a warehouse is starting ("warehouse starting… (20 s)"), then that it is up. */
  private starting(profile: ResolvedProfile, p: StartingProgress | 'ready'): void {
    const seconds = (ms: number) => Math.round(ms / 1000);
    this.options.events.emit('warehouse.starting', {
      profileId: profile.id,
      profileName: profile.name,
      state: p === 'ready' ? 'ready' : 'waiting',
      waitedSeconds: p === 'ready' ? 0 : seconds(p.waitedMs),
      nextWaitSeconds: p === 'ready' ? 0 : seconds(p.nextWaitMs),
      budgetSeconds: p === 'ready' ? 0 : seconds(p.budgetMs),
      message: p === 'ready' ? `The SQL warehouse "${profile.name}" is up.` : p.message,
    });
  }

  /** Called after a profile is saved or deleted (the SQL page re-lists its targets). */
  onProfilesChanged(listener: () => Promise<void>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private async changed(): Promise<void> {
    await Promise.all([...this.changeListeners].map((listener) => listener().catch(() => undefined)));
  }

  /** Runs `work` on the profile's pooled session (for the SQL page's warehouse target). */
  withSession<T>(profileId: string, work: (session: IDBSQLSession, profile: ResolvedProfile) => Promise<T>): Promise<T> {
    return this.pool.withSession(profileId, work);
  }

  async listProfiles(): Promise<{ profiles: WarehouseProfile[]; secretsProtected: boolean }> {
    return { profiles: await this.profiles.list(), secretsProtected: this.options.secrets.protectedAtRest };
  }

  async saveProfile(draft: ProfileDraft): Promise<WarehouseProfile> {
    const profile = await this.profiles.save(draft);
    await this.pool.drop(profile.id);
    this.log('info', `warehouse profile "${profile.name}" saved (${profile.host}${profile.httpPath})`);
    await this.changed();
    return profile;
  }

  async deleteProfile(id: string): Promise<boolean> {
    await this.pool.drop(id);
    const deleted = await this.profiles.delete(id);
    await this.changed();
    return deleted;
  }

  async testConnection(id: string): Promise<ConnectionVerdict> {
    const profile = await this.profiles.resolve(id);
    const tuning: ConnectTuning = {
      ...this.options.tuning,
      onWarehouseStarting: (p) => {
        waited = true;
        this.options.tuning?.onWarehouseStarting?.(p);
        this.starting(profile, p);
      },
    };
    let waited = false;
    const verdict = await testConnection(profile, this.options.secrets, this.log, tuning);
    if (waited && verdict.ok) this.starting(profile, 'ready');
    this.log(verdict.ok ? 'info' : 'warn', `test connection "${profile.name}": ${verdict.verdict} — ${verdict.message}`);
    return verdict;
  }

  browse(id: string, at: { catalog?: string; schema?: string; table?: string }) {
    return this.pool.withSession(id, (session) => browseLevel(session, at));
  }

  catalog(id: string): Promise<Catalog> {
    return this.pool.withSession(id, async (session, profile) => {
      let catalog = profile.catalog;
      let schema = profile.schema;
      if (!catalog || !schema) {
        const r = await runQuery(session, 'SELECT current_catalog() AS c, current_schema() AS s', { maxRows: 1 });
        catalog ??= String(r.rows[0]?.[0] ?? '');
        schema ??= String(r.rows[0]?.[1] ?? '');
      }
      return readRemoteCatalog(session, catalog, schema);
    });
  }

  query(input: WarehouseQueryParsed, signal?: AbortSignal): Promise<QueryResult> {
    return this.pool.withSession(input.profileId, (session) =>
      runQuery(session, input.sql, {
        params: input.params,
        maxRows: input.maxRows ?? DEFAULT_WAREHOUSE_MAX_ROWS,
        timeoutMs: input.timeoutMs ?? DEFAULT_WAREHOUSE_TIMEOUT_MS,
        signal,
      }),
    );
  }

  /** Copies into a local table as a job: a second pull into the same table while one runs joins it (single-flight). */
  pull(input: PullInputParsed, signal?: AbortSignal): Promise<PullResult> {
    const jobs = this.options.jobs;
    if (!jobs) return this.pullNow(input, signal);
    const key = `warehouse.pull:${input.target.toLowerCase()}`;
    return jobs.start({ kind: 'warehouse.pull', key, message: `Pulling into ${input.target}` }, (job) =>
      this.pullNow(input, signal ? AbortSignal.any([signal, job.signal]) : job.signal, (p) =>
        job.progress({ done: p.rows, total: p.totalRows, message: `${p.rows.toLocaleString('en-US')} rows into ${p.table}` }),
      ),
    ).result;
  }

  private pullNow(input: PullInputParsed, signal?: AbortSignal, onRows?: (p: PullProgress) => void): Promise<PullResult> {
    return this.pool.withSession(input.profileId, async (session, profile) => {
      // Loaded when a pull runs: it writes with DuckDB, which a warehouse-only session never loads.
      const { pullToLocal } = await import('./pull');
      const result = await pullToLocal(session, this.engine(), {
        profile,
        source: input.source,
        target: input.target,
        replace: input.replace,
        maxRows: input.maxRows,
        signal,
        onProgress: (p) => onRows?.(p),
      });
      this.options.events.emit('engine.changed', { reason: 'warehouse pull', relations: [result.table, 'warehouse_pulls'] });
      this.log('info', `pulled ${result.rows} rows into ${result.table} from "${profile.name}" in ${Math.round(result.elapsedMs)} ms`);
      return result;
    });
  }

  private engine(): Engine {
    if (!this.options.engine) throw new AppError('UNAVAILABLE', 'Pulls need the local database, which this session did not open.');
    return this.options.engine;
  }

  async pulls() {
    const exists = await this.engine().query("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'warehouse_pulls'");
    if (Number(exists.rows[0]?.[0] ?? 0) === 0) return { pulls: [] };
    const r = await this.engine().query(listPullsSql, { maxRows: 100_000 });
    return {
      pulls: r.rows.map(([pullId, table, profileName, host, source, sql, rows, startedAt, finishedAt]) => ({
        pullId: String(pullId),
        table: String(table),
        profileName: String(profileName),
        host: String(host),
        source: String(source),
        sql: String(sql),
        rows: Number(rows),
        startedAt: String(startedAt),
        finishedAt: String(finishedAt),
      })),
    };
  }

  async close(): Promise<void> {
    await this.pool.closeAll();
  }
}
