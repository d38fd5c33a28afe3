import { join } from 'node:path';
import { EventBus } from './api/event-bus';
import { Dispatcher } from './api/dispatcher';
import { jobsHandlers } from './jobs/handlers';
import { JobRegistry } from './jobs/job-registry';
import { defaultUserDataDir } from './paths';
import { FileSecretStore } from './security/file-secret-store';
import { warehouseHandlers } from './warehouse/handlers';
import { WarehouseService } from './warehouse/service';

/** The warehouse.* methods that need no local database: profiles, test, browse, catalog, query, gold DDL. */
const REMOTE_ONLY = [
  'warehouse.listProfiles',
  'warehouse.saveProfile',
  'warehouse.deleteProfile',
  'warehouse.testConnection',
  'warehouse.browse',
  'warehouse.catalog',
  'warehouse.query',
  'warehouse.goldDdl',
] as const;

export interface WarehouseCore {
  dispatcher: Dispatcher;
  events: EventBus;
  close(): Promise<void>;
}

/**
 * Core for a command that talks to a Databricks SQL warehouse only (`medallion warehouse profiles`,
 * `query --profile`, …): the same profile store, secrets and warehouse service as the app, behind the
 * same dispatcher, without opening DuckDB or building the pipeline, models, Ask or agents. Methods that
 * need the local database (a pull) answer UNAVAILABLE here; such commands open the whole core.
 */
export function createWarehouseCore(options: { userDataDir?: string } = {}): WarehouseCore {
  const userDataDir = options.userDataDir ?? defaultUserDataDir();
  const events = new EventBus();
  const jobs = new JobRegistry(events);
  const warehouse = new WarehouseService({
    profilesFile: join(userDataDir, 'warehouse-profiles.json'),
    secrets: new FileSecretStore(join(userDataDir, 'secrets.json')),
    events,
    jobs,
    log: (level, message) => (level === 'error' || level === 'warn' ? process.stderr.write(`[warehouse] ${message}\n`) : undefined),
  });
  const all = warehouseHandlers(warehouse);
  const handlers = Object.fromEntries(REMOTE_ONLY.map((m) => [m, all[m]]));
  const dispatcher = Dispatcher.partial({ ...jobsHandlers(jobs), ...handlers });
  return {
    dispatcher,
    events,
    async close() {
      dispatcher.abortAll();
      await warehouse.close();
      await jobs.close();
    },
  };
}
