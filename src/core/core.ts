import { join } from 'node:path';
import type { AppInfo } from '../shared/api';
import { AgentService } from './agents/agent-service';
import { narrativeChat } from './agents/ask-llm';
import { agentsHandlers } from './agents/handlers';
import type { ChatComplete } from './agents/narrative';
import { AgentScheduler } from './agents/scheduler';
import { Dispatcher } from './api/dispatcher';
import { EventBus } from './api/event-bus';
import type { Handlers } from './api/handlers';
import { AskService } from './ask/ask-service';
import { askHandlers } from './ask/handlers';
import { Engine } from './engine/engine';
import { engineHandlers } from './engine/handlers';
import { defaultUserDataDir } from './paths';
import { pipelineHandlers } from './pipeline/handlers';
import { PipelineService } from './pipeline/service';
import type { SecretStore } from './ports';
import { FileSecretStore } from './security/file-secret-store';
import { APP_VERSION } from './version';

export interface CoreOptions {
  /** The database file; defaults to medallion.duckdb in the user-data folder. */
  databasePath?: string;
  userDataDir?: string;
  mode: AppInfo['mode'];
  secrets?: SecretStore;
  threads?: number;
  memoryLimit?: string;
  /** The chat model agents write narratives with; defaults to MEDALLION_LLM_* settings, else the Ask model, else none. */
  agentsChat?: () => Promise<ChatComplete | undefined> | ChatComplete | undefined;
}

/** Everything the app does, behind one dispatcher; hosted by Electron main, the server or the CLI. */
export interface Core {
  readonly engine: Engine;
  readonly events: EventBus;
  readonly dispatcher: Dispatcher;
  readonly userDataDir: string;
  readonly secrets: SecretStore;
  readonly agents: AgentService;
  readonly ask: AskService;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const userDataDir = options.userDataDir ?? defaultUserDataDir();
  const databasePath = options.databasePath ?? join(userDataDir, 'medallion.duckdb');
  const engine = await Engine.open({ path: databasePath, threads: options.threads, memoryLimit: options.memoryLimit });
  const events = new EventBus();
  const secrets = options.secrets ?? new FileSecretStore(join(userDataDir, 'secrets.json'));
  const duckdbVersion = await engine.version();
  const pipeline = new PipelineService(engine, events);
  const ask = new AskService(engine, userDataDir, secrets, events);
  const agents = new AgentService(engine, events, { chat: options.agentsChat ?? narrativeChat(ask.settings) });
  const agentScheduler = new AgentScheduler(agents, join(userDataDir, 'agents-schedule.json'));
  if (options.mode !== 'cli') agentScheduler.start();

  const handlers: Handlers = {
    'app.info': () => ({ name: 'Medallion Workbench', version: APP_VERSION, duckdbVersion, databasePath, mode: options.mode }),
    // Answered by the dispatcher itself, which owns the running calls.
    'app.cancel': () => ({ cancelled: false }),
    ...engineHandlers(engine),
    ...agentsHandlers(agents, agentScheduler),
    ...pipelineHandlers(pipeline),
    ...askHandlers(ask),
  };
  const dispatcher = new Dispatcher(handlers);

  return {
    engine,
    events,
    dispatcher,
    userDataDir,
    secrets,
    agents,
    ask,
    async close() {
      agentScheduler.stop();
      dispatcher.abortAll();
      await pipeline.close();
      engine.close();
    },
  };
}
