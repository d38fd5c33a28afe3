import { create } from 'zustand';
import type { ExecuteResult, ExplainOutput, HistoryEntry, SavedQuery, SqlParams, SqlTab } from '../../../shared/api';
import { AppError, type SqlPosition } from '../../../shared/errors';
import { findParameters, parseParameterValue, type ParamStyle } from '../../../shared/sql/params';
import type { SqlStatement } from '../../../shared/sql/statements';
import { api } from '../../api/client';
import { useAppStore } from '../../stores/app-store';
import { closeTab, newTab, updateTab } from './tabs';
import { DEFAULT_TARGET, listTargets, runOnTarget, type SqlTarget } from './targets';

/** One statement's result of a run; "Run all" keeps one per statement, each in its own result tab. */
export interface StatementResult {
  statement: SqlStatement;
  result: ExecuteResult;
}

/** The outcome of the last run in a tab. */
export interface TabRun {
  running: boolean;
  /** Offsets of the statement running or last run, in the tab's text. */
  statement?: SqlStatement;
  /** The result on screen (one of `results`). */
  result?: ExecuteResult;
  /** Every statement's result of the last run, in order. */
  results?: StatementResult[];
  /** Index in `results` of the result on screen. */
  shown?: number;
  /** When the run started (performance.now()), for the ticking elapsed time. */
  startedAt?: number;
  /** Wall time of the whole run, once it has finished. */
  elapsedMs?: number;
  error?: { message: string; code: string; position?: SqlPosition; statementStart: number };
  notice?: string;
  plan?: ExplainOutput;
  controller?: AbortController;
}

export interface ParamPrompt {
  names: string[];
  values: Record<string, string>;
  resolve(values: Record<string, string> | undefined): void;
}

export type SidePanel = 'results' | 'chart' | 'plan' | 'history' | 'saved';

interface SqlState {
  loaded: boolean;
  tabs: SqlTab[];
  activeTabId: string | null;
  runs: Record<string, TabRun>;
  targets: SqlTarget[];
  panel: SidePanel;
  history: HistoryEntry[];
  historySearch: string;
  saved: SavedQuery[];
  paramPrompt?: ParamPrompt;
  lastParams: Record<string, string>;
  load(): Promise<void>;
  /** Re-reads the targets (a warehouse may have been connected since the page opened). */
  refreshTargets(): Promise<void>;
  /** Opens a tab on `target` (default: the active tab's target). */
  addTab(sql?: string, title?: string, target?: string): void;
  closeTab(id: string): void;
  activate(id: string): void;
  setSql(id: string, sql: string): void;
  setTarget(id: string, target: string): void;
  renameTab(id: string, title: string): void;
  run(tabId: string, statements: SqlStatement[]): Promise<void>;
  cancel(tabId: string): void;
  /** Shows another statement's result of the last run. */
  showResult(tabId: string, index: number): void;
  explain(tabId: string, statement: SqlStatement, analyze: boolean): Promise<void>;
  setPanel(panel: SidePanel): void;
  loadHistory(search?: string): Promise<void>;
  loadSaved(): Promise<void>;
  saveQuery(name: string, sql: string, target: string): Promise<void>;
  deleteQuery(id: string): Promise<void>;
}

/** Databricks targets take `:name` parameters, DuckDB `$name`. */
const paramStyle = (targets: SqlTarget[], id: string): ParamStyle =>
  targets.find((t) => t.id === id)?.kind === 'databricks' ? 'colon' : 'dollar';

function promptParams(
  set: (s: Partial<SqlState>) => void,
  get: () => SqlState,
  names: string[],
): Promise<Record<string, string> | undefined> {
  return new Promise((resolve) => {
    const values = Object.fromEntries(names.map((n) => [n, get().lastParams[n] ?? '']));
    set({
      paramPrompt: {
        names,
        values,
        resolve: (given) => {
          set({ paramPrompt: undefined, lastParams: given ? { ...get().lastParams, ...given } : get().lastParams });
          resolve(given);
        },
      },
    });
  });
}

/** The SQL page: tabs (saved in core), runs per tab, history and saved queries. */
export const useSqlStore = create<SqlState>((set, get) => {
  // This store's own timers and buffer (per store, not module state: a second store, as in a test, has its own).
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let textTimer: ReturnType<typeof setTimeout> | undefined;
  /** Typed text not yet in the store: keystrokes must not re-render the page (Monaco owns the text). */
  const pendingText = new Map<string, string>();
  /** Saves the tabs to core shortly after the last change (they survive a restart). */
  const scheduleSave = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      const { tabs, activeTabId, loaded } = get();
      if (loaded) void api.call('sqlwb.saveWorkspace', { tabs, activeTabId }).catch(() => undefined);
    }, 400);
  };
  const flushText = () => {
    if (textTimer) clearTimeout(textTimer);
    textTimer = undefined;
    if (pendingText.size === 0) return;
    let tabs = get().tabs;
    for (const [id, sql] of pendingText) tabs = updateTab(tabs, id, { sql });
    pendingText.clear();
    set({ tabs });
    scheduleSave();
  };
  const patchRun = (tabId: string, change: Partial<TabRun>) =>
    set({ runs: { ...get().runs, [tabId]: { ...(get().runs[tabId] ?? { running: false }), ...change } } });
  return {
    loaded: false,
    tabs: [],
    activeTabId: null,
    runs: {},
    targets: [DEFAULT_TARGET],
    panel: 'results',
    history: [],
    historySearch: '',
    saved: [],
    lastParams: {},
    async load() {
      const [workspace, targets] = await Promise.all([
        // Without the saved tabs the page still opens, on one fresh tab.
        api.call('sqlwb.getWorkspace', {}).catch(() => ({ tabs: [], activeTabId: null })),
        listTargets().catch(() => [DEFAULT_TARGET]),
      ]);
      let { tabs, activeTabId } = workspace;
      if (tabs.length === 0) {
        const first = newTab([], DEFAULT_TARGET.id, 'SELECT 42 AS answer');
        tabs = [first];
        activeTabId = first.id;
      }
      set({ tabs, activeTabId: activeTabId ?? tabs[0]!.id, targets, loaded: true });
    },
    async refreshTargets() {
      const targets = await listTargets().catch(() => undefined);
      if (targets?.length) set({ targets });
    },
    addTab(sql = '', title, target) {
      flushText();
      const current = get().tabs.find((t) => t.id === get().activeTabId);
      const tab = newTab(get().tabs, target ?? current?.target ?? DEFAULT_TARGET.id, sql, title);
      set({ tabs: [...get().tabs, tab], activeTabId: tab.id });
      scheduleSave();
    },
    closeTab(id) {
      flushText();
      get().runs[id]?.controller?.abort();
      let next = closeTab(get().tabs, get().activeTabId, id);
      if (next.tabs.length === 0) {
        const tab = newTab([], DEFAULT_TARGET.id);
        next = { tabs: [tab], activeId: tab.id };
      }
      set({ tabs: next.tabs, activeTabId: next.activeId });
      scheduleSave();
    },
    activate(id) {
      flushText();
      set({ activeTabId: id });
      scheduleSave();
    },
    setSql(id, sql) {
      pendingText.set(id, sql);
      if (textTimer) clearTimeout(textTimer);
      textTimer = setTimeout(flushText, 250);
    },
    setTarget(id, target) {
      set({ tabs: updateTab(get().tabs, id, { target }) });
      scheduleSave();
    },
    renameTab(id, title) {
      if (title.trim()) set({ tabs: updateTab(get().tabs, id, { title: title.trim() }) });
      scheduleSave();
    },
    async run(tabId, statements) {
      const tab = get().tabs.find((t) => t.id === tabId);
      if (!tab || get().runs[tabId]?.running) return;
      if (statements.length === 0) {
        patchRun(tabId, {
          error: {
            message: 'There is nothing to run here: type a statement, or put the cursor in one.',
            code: 'INVALID_INPUT',
            statementStart: 0,
          },
        });
        return;
      }
      const style = paramStyle(get().targets, tab.target);
      const names = [...new Set(statements.flatMap((s) => findParameters(s.text, style)))];
      let params: Record<string, string> | undefined;
      if (names.length) {
        params = await promptParams(set, get, names);
        if (!params) return;
      }
      const controller = new AbortController();
      const startedAt = performance.now();
      patchRun(tabId, {
        running: true,
        controller,
        error: undefined,
        notice: undefined,
        statement: statements[0],
        startedAt,
        elapsedMs: undefined,
      });
      const results: StatementResult[] = [];
      let changed = false;
      for (const [i, statement] of statements.entries()) {
        patchRun(tabId, { statement });
        const used = findParameters(statement.text, style);
        const values: SqlParams | undefined = used.length
          ? Object.fromEntries(used.map((n) => [n, parseParameterValue(params?.[n] ?? '')]))
          : undefined;
        try {
          const result = await runOnTarget(tab.target, statement.text, values, controller.signal);
          if (result.statementType !== 'SELECT') changed = true;
          results.push({ statement, result });
          // Each finished statement shows at once; the last one stays on screen.
          patchRun(tabId, { results: [...results], shown: results.length - 1, result });
        } catch (error) {
          const e = error instanceof AppError ? error : new AppError('INTERNAL', String(error));
          const notice = statements.length > 1 ? `Statement ${i + 1} of ${statements.length} failed; the ones before it ran.` : undefined;
          patchRun(tabId, {
            running: false,
            controller: undefined,
            error: { message: e.message, code: e.code, position: e.position, statementStart: statement.start },
            notice,
            elapsedMs: performance.now() - startedAt,
          });
          if (changed) void useAppStore.getState().refreshCatalog();
          if (get().panel === 'history') void get().loadHistory();
          return;
        }
      }
      const notice = statements.length > 1 ? `${statements.length} statements ran.` : undefined;
      // After a script, the last statement with rows is on screen (a trailing DDL would hide the answer).
      const lastRows = results.map((r) => r.result.columns.length > 0).lastIndexOf(true);
      const shown = lastRows >= 0 ? lastRows : results.length - 1;
      patchRun(tabId, {
        running: false,
        controller: undefined,
        results,
        shown,
        result: results[shown]?.result,
        notice,
        elapsedMs: performance.now() - startedAt,
      });
      if (get().panel !== 'results' && get().panel !== 'chart') set({ panel: 'results' });
      if (changed) void useAppStore.getState().refreshCatalog();
    },
    cancel(tabId) {
      get().runs[tabId]?.controller?.abort();
    },
    showResult(tabId, index) {
      const chosen = get().runs[tabId]?.results?.[index];
      if (chosen) patchRun(tabId, { shown: index, result: chosen.result });
    },
    async explain(tabId, statement, analyze) {
      const tab = get().tabs.find((t) => t.id === tabId);
      if (!tab || get().runs[tabId]?.running) return;
      const names = findParameters(statement.text, paramStyle(get().targets, tab.target));
      let params: Record<string, string> | undefined;
      if (names.length && !(params = await promptParams(set, get, names))) return;
      const values = names.length ? Object.fromEntries(names.map((n) => [n, parseParameterValue(params?.[n] ?? '')])) : undefined;
      const controller = new AbortController();
      const startedAt = performance.now();
      patchRun(tabId, { running: true, controller, error: undefined, notice: undefined, statement, startedAt, elapsedMs: undefined });
      try {
        const plan = await api.call(
          'sqlwb.explain',
          { target: tab.target, sql: statement.text, params: values, analyze },
          { signal: controller.signal },
        );
        patchRun(tabId, { running: false, controller: undefined, plan, elapsedMs: performance.now() - startedAt });
        set({ panel: 'plan' });
      } catch (error) {
        const e = error instanceof AppError ? error : new AppError('INTERNAL', String(error));
        patchRun(tabId, {
          running: false,
          controller: undefined,
          elapsedMs: performance.now() - startedAt,
          error: { message: e.message, code: e.code, position: e.position, statementStart: statement.start },
        });
      }
    },
    setPanel(panel) {
      set({ panel });
      if (panel === 'history') void get().loadHistory();
      if (panel === 'saved') void get().loadSaved();
    },
    async loadHistory(search) {
      const query = search ?? get().historySearch;
      const tab = get().tabs.find((t) => t.id === get().activeTabId);
      set({ historySearch: query });
      const history = await api.call('sqlwb.history', { target: tab?.target, search: query || undefined, limit: 200 });
      set({ history });
    },
    async loadSaved() {
      set({ saved: await api.call('sqlwb.savedQueries', {}) });
    },
    async saveQuery(name, sql, target) {
      flushText();
      await api.call('sqlwb.saveQuery', { name, sql, target });
      await get().loadSaved();
    },
    async deleteQuery(id) {
      await api.call('sqlwb.deleteQuery', { id });
      await get().loadSaved();
    },
  };
});
