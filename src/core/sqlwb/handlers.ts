import type { MethodName } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { HandlerGroup } from '../api/handlers';
import type { EventBus } from '../api/event-bus';
import type { JobRegistry } from '../jobs/job-registry';
import type { DialogPort } from '../ports';
import type { DownloadRegistry } from './downloads';
import { exportResult } from './exporter';
import type { Importer } from './importer';
import type { ResultRegistry } from './result-registry';
import type { TargetRegistry } from './targets';
import type { WorkspaceStore } from './workspace-store';

type SqlwbMethod = Extract<MethodName, `sqlwb.${string}`>;

export interface SqlwbDeps {
  targets: TargetRegistry;
  results: ResultRegistry;
  store: WorkspaceStore;
  importer: Importer;
  downloads: DownloadRegistry;
  events: EventBus;
  /** Exports run as jobs (see src/core/jobs/job-registry.ts). */
  jobs: JobRegistry;
  /** The desktop host's save dialog, used by exports when present. */
  dialogs?: DialogPort;
}

/** sqlwb.* methods: the SQL workbench page (run, page, explain, export, import, tabs, history). */
export function sqlwbHandlers(deps: SqlwbDeps): HandlerGroup<SqlwbMethod> {
  const { targets, results, store } = deps;
  return {
    'sqlwb.targets': () => targets.list(),
    'sqlwb.catalog': (input) => targets.get(input.target).target.catalog(),
    'sqlwb.functions': (input, ctx) => targets.get(input.target).workbench.functions(ctx.signal),
    'sqlwb.execute': async (input, ctx) => {
      const started = performance.now();
      const { id, workbench } = targets.get(input.target);
      try {
        const outcome = await workbench.execute(input.sql, input.params, input.pageSize, ctx.signal);
        const elapsedMs = performance.now() - started;
        let resultId: string | null = null;
        if (outcome.handle) {
          resultId = `${id}:${crypto.randomUUID()}`;
          results.add(resultId, outcome.handle);
        }
        store.record({ target: id, sql: input.sql, durationMs: elapsedMs, rowCount: outcome.total ?? null, error: null });
        const { handle: _handle, ...rest } = outcome;
        return { ...rest, resultId, elapsedMs };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        store.record({ target: id, sql: input.sql, durationMs: performance.now() - started, rowCount: null, error: message });
        throw error;
      }
    },
    'sqlwb.count': async (input, ctx) => ({ total: await results.get(input.resultId).count(ctx.signal) }),
    'sqlwb.page': async (input, ctx) => {
      const started = performance.now();
      const rows = await results.get(input.resultId).page(input.offset, input.limit, input.sort, ctx.signal);
      return { offset: input.offset, rows, elapsedMs: performance.now() - started };
    },
    'sqlwb.summary': (input, ctx) => results.get(input.resultId).summary(input.column, ctx.signal),
    'sqlwb.profile': (input, ctx) => {
      const { target, workbench } = targets.get(input.target);
      if (!workbench.profileColumn) {
        throw new AppError(
          'INVALID_INPUT',
          `Column profiles run on the local database; ${target.info.label} lists its tables and columns only.`,
        );
      }
      const { schema, relation, column } = input;
      return workbench.profileColumn({ schema, relation, column }, ctx.signal);
    },
    'sqlwb.explain': (input, ctx) => targets.get(input.target).workbench.explain(input.sql, input.params, input.analyze, ctx.signal),
    'sqlwb.export': (input, ctx) => exportResult(results.get(input.resultId), input, deps, ctx.signal),
    'sqlwb.uploadChunk': (input) => ({ bytes: deps.importer.receive(input.uploadId, input.fileName, input.chunk, input.index) }),
    'sqlwb.importPreview': (input) => deps.importer.preview(input.uploadId),
    'sqlwb.importLoad': (input, ctx) => deps.importer.load(input.uploadId, input.table, ctx.signal),
    'sqlwb.getWorkspace': () => store.getWorkspace(),
    'sqlwb.saveWorkspace': (input) => {
      if (input.activeTabId && !input.tabs.some((t) => t.id === input.activeTabId)) {
        throw new AppError('INVALID_INPUT', 'The active tab is not one of the tabs.');
      }
      store.saveWorkspace(input);
      return { saved: true };
    },
    'sqlwb.history': (input) => store.listHistory(input),
    'sqlwb.savedQueries': () => store.listSaved(),
    'sqlwb.saveQuery': (input) => store.saveQuery(input),
    'sqlwb.deleteQuery': (input) => ({ deleted: store.deleteQuery(input.id) }),
  };
}
