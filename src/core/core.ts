import { join } from 'node:path';
import type { AppInfo } from '../shared/api';
import { AppError } from '../shared/errors';
import { AgentService } from './agents/agent-service';
import { narrativeChat } from './agents/ask-llm';
import type { LlmConfig } from './llm/llm-client';
import { agentsHandlers } from './agents/handlers';
import type { ChatComplete } from './agents/narrative';
import { AgentScheduler } from './agents/scheduler';
import { Dispatcher } from './api/dispatcher';
import { EventBus } from './api/event-bus';
import type { Handlers } from './api/handlers';
import { BundleService } from './bundles/bundle-service';
import { bundleHandlers } from './bundles/handlers';
import { dashboardHandlers } from './dashboards/handlers';
import { ImportedDashboards } from './dashboards/imported-store';
import { DashboardService } from './dashboards/service';
import { AskService } from './ask/ask-service';
import { askHandlers } from './ask/handlers';
import { Engine } from './engine/engine';
import { engineHandlers } from './engine/handlers';
import { jobsHandlers } from './jobs/handlers';
import { JobRegistry } from './jobs/job-registry';
import { createModelsService, modelsHandlers } from './models/handlers';
import { defaultUserDataDir } from './paths';
import { pipelineHandlers } from './pipeline/handlers';
import { PipelineService } from './pipeline/service';
import type { DialogPort, SecretStore } from './ports';
import { FileSecretStore } from './security/file-secret-store';
import { HARDENED_CONFIG } from './security/sandbox-engine';
import type { DownloadRegistry } from './sqlwb/downloads';
import { localWorkbench } from './sqlwb/local-workbench';
import { createSqlwb } from './sqlwb/sqlwb-service';
import type { TargetRegistry } from './sqlwb/targets';
import { APP_VERSION } from './version';
import type { ConnectTuning, WarehouseLog } from './warehouse/connect';
import { warehouseHandlers } from './warehouse/handlers';
import { databricksBundleHandlers } from './databricks-bundle/handlers';
import { WarehouseService } from './warehouse/service';
import { syncWarehouseTargets, warehouseTargets } from './warehouse/warehouse-target';
import { sqlTargets, type SqlTargets } from './engine/sql-target';
import { settingsHandlers } from './settings/handlers';

export interface CoreOptions {
  /** The database file; defaults to medallion.duckdb in the user-data folder. */
  databasePath?: string;
  userDataDir?: string;
  mode: AppInfo['mode'];
  secrets?: SecretStore;
  /** Native dialogs (desktop only); exports ask where to save through them. */
  dialogs?: DialogPort;
  threads?: number;
  memoryLimit?: string;
  /** The chat model agents write narratives with; defaults to MEDALLION_LLM_* settings, else the Ask model, else none. */
  agentsChat?: () => Promise<ChatComplete | undefined> | ChatComplete | undefined;
  /** The model Ask uses in this process instead of the saved settings (CLI --llm-base-url/--llm-model). */
  askLlm?: LlmConfig;
  /** Where warehouse log lines go (already redacted); stderr warnings by default. */
  warehouseLog?: WarehouseLog;
  /** Warehouse timeouts and retries (tests shorten them). */
  warehouseTuning?: ConnectTuning;
}

/** Everything the app does, behind one dispatcher; hosted by Electron main, the server or the CLI. */
export interface Core {
  readonly engine: Engine;
  readonly events: EventBus;
  /** Every long task (see src/core/jobs/job-registry.ts). */
  readonly jobs: JobRegistry;
  readonly dispatcher: Dispatcher;
  readonly userDataDir: string;
  readonly secrets: SecretStore;
  /** Where SQL runs: the local database, or a warehouse profile (`targets.resolve(profileId?)`). */
  readonly targets: SqlTargets;
  /** SQL targets (local DuckDB; warehouses register theirs) for the SQL page. */
  readonly sqlTargets: TargetRegistry;
  /** Files waiting to be downloaded through `medallion serve` (exports). */
  readonly downloads: DownloadRegistry;
  readonly agents: AgentService;
  readonly dashboards: DashboardService;
  readonly bundles: BundleService;
  readonly ask: AskService;
  readonly warehouse: WarehouseService;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const userDataDir = options.userDataDir ?? defaultUserDataDir();
  const databasePath = options.databasePath ?? join(userDataDir, 'medallion.duckdb');
  const engine = await Engine.open({
    path: databasePath,
    threads: options.threads,
    memoryLimit: options.memoryLimit,
    config: HARDENED_CONFIG,
  });
  const events = new EventBus();
  const jobs = new JobRegistry(events);
  const secrets = options.secrets ?? new FileSecretStore(join(userDataDir, 'secrets.json'));
  const duckdbVersion = await engine.version();
  const warehouse = new WarehouseService({
    profilesFile: join(userDataDir, 'warehouse-profiles.json'),
    secrets,
    engine,
    events,
    jobs,
    log:
      options.warehouseLog ??
      ((level, message) => (level === 'error' || level === 'warn' ? process.stderr.write(`[warehouse] ${message}\n`) : undefined)),
    tuning: options.warehouseTuning,
  });
  const models = createModelsService(engine, events, secrets, userDataDir, warehouse.profiles, jobs);
  const targets = sqlTargets(engine, warehouseTargets(engine, warehouse), { workbench: localWorkbench(engine) });
  const sqlwb = createSqlwb(engine, targets.local, events, jobs, userDataDir, options.dialogs);
  await syncWarehouseTargets(sqlwb.targets, warehouse, engine);
  const pipeline = new PipelineService(engine, events, jobs);
  const ask = new AskService(engine, userDataDir, secrets, targets, events);
  ask.llmOverride = options.askLlm;
  const agents = new AgentService(engine, events, { chat: options.agentsChat ?? narrativeChat(ask.settings), jobs, target: targets.local });
  const agentScheduler = new AgentScheduler(agents, join(userDataDir, 'agents-schedule.json'));
  if (options.mode !== 'cli') agentScheduler.start();
  const importedDashboards = new ImportedDashboards(join(userDataDir, 'dashboards'));
  const bundles: BundleService = new BundleService(engine, () => dashboards, join(userDataDir, 'bundles'), jobs);
  const dashboards = new DashboardService(importedDashboards, () => bundles, targets);

  const handlers: Handlers = {
    'app.info': () => ({ name: 'Medallion Workbench', version: APP_VERSION, duckdbVersion, databasePath, mode: options.mode }),
    // Answered by the dispatcher itself, which owns the running calls.
    'app.cancel': () => ({ cancelled: false }),
    // Answered by the desktop app's main process, which owns the window; elsewhere there is no window to print.
    'app.printToPdf': () => {
      throw new AppError('UNAVAILABLE', 'Saving a PDF in one click needs the desktop app; in a browser use Print / Save as PDF….');
    },
    ...jobsHandlers(jobs),
    ...engineHandlers(engine),
    ...sqlwb.handlers,
    ...agentsHandlers(agents, agentScheduler),
    ...dashboardHandlers(dashboards, importedDashboards, engine),
    ...bundleHandlers(bundles),
    ...modelsHandlers(engine, targets.local, models),
    ...pipelineHandlers(pipeline),
    ...askHandlers(ask),
    ...warehouseHandlers(warehouse),
    ...databricksBundleHandlers(engine, userDataDir, options.dialogs),
    ...settingsHandlers(userDataDir, databasePath),
  };
  const dispatcher = new Dispatcher(handlers);

  return {
    engine,
    events,
    jobs,
    dispatcher,
    userDataDir,
    secrets,
    targets,
    sqlTargets: sqlwb.targets,
    downloads: sqlwb.downloads,
    agents,
    dashboards,
    bundles,
    ask,
    warehouse,
    async close() {
      agentScheduler.stop();
      dispatcher.abortAll();
      bundles.closeAll();
      models.jobs.cancelAll();
      await warehouse.close();
      await sqlwb.close();
      await pipeline.close();
      await jobs.close();
      engine.close();
    },
  };
}
