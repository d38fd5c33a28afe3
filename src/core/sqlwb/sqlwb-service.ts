import { join } from 'node:path';
import type { EventBus } from '../api/event-bus';
import type { Engine } from '../engine/engine';
import type { SqlTarget } from '../engine/sql-target';
import { LOCAL_TARGET_ID } from '../../shared/api';
import type { JobRegistry } from '../jobs/job-registry';
import type { DialogPort } from '../ports';
import { DownloadRegistry } from './downloads';
import { sqlwbHandlers } from './handlers';
import { Importer } from './importer';
import { ResultRegistry } from './result-registry';
import { TargetRegistry } from './targets';
import { WorkspaceStore } from './workspace-store';

/** The SQL workbench's parts, built once by createCore; `local` is the local database's target (with its workbench). */
export function createSqlwb(
  engine: Engine,
  local: SqlTarget,
  events: EventBus,
  jobs: JobRegistry,
  userDataDir: string,
  dialogs?: DialogPort,
) {
  const targets = new TargetRegistry();
  targets.register({ id: LOCAL_TARGET_ID, label: `Local DuckDB (${engine.databaseName})`, kind: 'duckdb' }, () => local);
  const results = new ResultRegistry();
  const downloads = new DownloadRegistry();
  const importer = new Importer(engine, events, jobs);
  const store = new WorkspaceStore(join(userDataDir, 'sqlwb'));
  const handlers = sqlwbHandlers({ targets, results, store, importer, downloads, events, jobs, dialogs });
  return {
    targets,
    downloads,
    handlers,
    async close() {
      importer.clear();
      downloads.clear();
      await results.clear().catch(() => undefined);
    },
  };
}
