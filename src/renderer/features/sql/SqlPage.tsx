import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LOCAL_TARGET_ID } from '../../../shared/api';
import { useAppStore } from '../../stores/app-store';
import { useSqlHandoffStore } from '../../stores/sql-handoff-store';
import { ResultChart } from './chart/ResultChart';
import { SqlEditor, type RunMode, type SqlEditorHandle } from './editor/SqlEditor';
import { ResultGrid } from './grid/ResultGrid';
import { ExportMenu } from './io/ExportMenu';
import { ImportDialog } from './io/ImportDialog';
import { confirmationVerb } from '../../../shared/sql/needs-confirmation';
import { useImportStore } from './io/import-store';
import { HistoryPanel } from './panels/HistoryPanel';
import { ParamDialog } from './panels/ParamDialog';
import { PlanTree } from './panels/PlanTree';
import { SaveDialog } from './panels/SaveDialog';
import { SavedPanel } from './panels/SavedPanel';
import { TabBar } from './panels/TabBar';
import { ResultTabs } from './results/ResultTabs';
import { RunTimer } from './results/RunTimer';
import { SchemaBrowser } from './schema/SchemaBrowser';
import { useSqlStore, type SidePanel } from './sql-store';
import { useCompletionIndex } from './use-completion-index';
import { useTargetCatalog } from './schema/use-target-catalog';
import './sql.css';

const PANELS: { id: SidePanel; label: string }[] = [
  { id: 'results', label: 'Results' },
  { id: 'chart', label: 'Chart' },
  { id: 'plan', label: 'Plan' },
  { id: 'history', label: 'History' },
  { id: 'saved', label: 'Saved' },
];

/** The SQL workbench: tabs, Monaco, run/cancel/explain, results, chart, history, import/export. */
export function SqlPage() {
  // Only the active tab's run: a query streaming rows in another tab does not redraw this one.
  const run = useSqlStore((x) => (x.activeTabId ? x.runs[x.activeTabId] : undefined));
  const store = useSqlStore(
    useShallow((x) => ({
      activeTabId: x.activeTabId,
      loaded: x.loaded,
      load: x.load,
      addTab: x.addTab,
      cancel: x.cancel,
      explain: x.explain,
      panel: x.panel,
      paramPrompt: x.paramPrompt,
      refreshTargets: x.refreshTargets,
      run: x.run,
      saveQuery: x.saveQuery,
      setPanel: x.setPanel,
      setSql: x.setSql,
      setTarget: x.setTarget,
      showResult: x.showResult,
      tabs: x.tabs,
      targets: x.targets,
    })),
  );
  const theme = useAppStore((s) => s.theme);
  const startImport = useImportStore((s) => s.start);
  const editor = useRef<SqlEditorHandle>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [saving, setSaving] = useState(false);
  const tab = store.tabs.find((t) => t.id === store.activeTabId);
  const targetCatalog = useTargetCatalog(tab?.target);
  const index = useCompletionIndex(tab?.target, targetCatalog.catalog);
  const { loaded, load, refreshTargets } = store;

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  // SQL another page (Ask, dashboards) asked to open arrives in a tab of its own.
  const addTab = store.addTab;
  useEffect(() => {
    if (!loaded) return;
    const handed = useSqlHandoffStore.getState().take();
    if (handed === undefined) return;
    void (async () => {
      // A warehouse target may be newer than the page's list; one that no longer exists falls back to the current tab's.
      if (handed.target) await refreshTargets();
      const known = handed.target && useSqlStore.getState().targets.some((t) => t.id === handed.target);
      addTab(handed.sql, undefined, known ? handed.target : undefined);
    })();
  }, [loaded, addTab, refreshTargets]);

  // Warehouse profiles may have been added on the Connections page since the page loaded.
  useEffect(() => {
    if (useSqlStore.getState().loaded) void refreshTargets();
  }, [refreshTargets]);

  useEffect(() => {
    // Esc cancels from anywhere on the page (the grid, a button), not only the editor.
    const onKey = (e: KeyboardEvent) => {
      const id = useSqlStore.getState().activeTabId;
      if (e.key === 'Escape' && id && useSqlStore.getState().runs[id]?.running) useSqlStore.getState().cancel(id);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (!tab) return <div className="page muted">Loading the workspace…</div>;

  const runMode = (mode: RunMode) => {
    const statements = editor.current?.statements(mode) ?? [];
    // Statements that drop, delete, truncate, alter or replace data ask first (anything not known to be safe).
    const verbs = [...new Set(statements.map((st) => confirmationVerb(st.text)).filter((v): v is string => v !== null))];
    if (verbs.length && !window.confirm(`This runs ${verbs.join(', ')}, which can change or remove data and cannot be undone. Run it?`))
      return;
    void store.run(tab.id, statements);
  };
  const explain = (analyze: boolean) => {
    const [first] = editor.current?.statements('auto') ?? [];
    if (first) void store.explain(tab.id, first, analyze);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void startImport(file);
  };

  return (
    <div
      className="page sqlwb-page"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
      data-testid="sqlwb-page"
    >
      <TabBar />
      <div className="sqlwb-layout">
        <SchemaBrowser
          target={tab.target}
          catalog={targetCatalog.catalog}
          error={targetCatalog.error}
          canProfile={store.targets.find((t) => t.id === tab.target)?.kind !== 'databricks'}
          onInsert={(text) => editor.current?.insert(text)}
        />
        <div className="sqlwb-main">
          <div className="toolbar sqlwb-toolbar">
            <select
              value={tab.target}
              onChange={(e) => store.setTarget(tab.id, e.target.value)}
              onFocus={() => void store.refreshTargets()}
              aria-label="Target"
              data-testid="sql-target"
            >
              {store.targets.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
            <button
              className="primary"
              onClick={() => runMode('auto')}
              disabled={run?.running}
              data-testid="sql-run"
              title="Run the selection, or the statement at the cursor"
            >
              Run <kbd>Ctrl+Enter</kbd>
            </button>
            <button onClick={() => runMode('all')} disabled={run?.running} data-testid="sql-run-all">
              Run all <kbd>Ctrl+Shift+Enter</kbd>
            </button>
            <button onClick={() => store.cancel(tab.id)} disabled={!run?.running} data-testid="sql-cancel">
              Cancel <kbd>Esc</kbd>
            </button>
            <button onClick={() => explain(false)} disabled={run?.running} data-testid="sql-explain">
              Explain
            </button>
            <button onClick={() => explain(true)} disabled={run?.running} data-testid="sql-explain-analyze">
              Explain analyze
            </button>
            <button onClick={() => setSaving(true)} data-testid="sql-save">
              Save…
            </button>
            <button onClick={() => fileInput.current?.click()} data-testid="sql-import">
              Import file…
            </button>
            <input
              ref={fileInput}
              type="file"
              hidden
              accept=".csv,.tsv,.txt,.parquet,.json,.jsonl,.ndjson"
              data-testid="sql-import-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void startImport(file);
                e.target.value = '';
              }}
            />
            <RunTimer running={!!run?.running} startedAt={run?.startedAt} elapsedMs={run?.elapsedMs} />
            {index && <span className="muted small">{index.relations.length} tables & views in autocomplete</span>}
          </div>
          <SqlEditor
            ref={editor}
            path={tab.id}
            initialValue={tab.sql}
            theme={theme}
            running={run?.running ? run.statement : undefined}
            error={run?.error}
            onChange={(sql) => store.setSql(tab.id, sql)}
            onRun={runMode}
            onCancel={() => store.cancel(tab.id)}
          />
          {run?.error && (
            <div className="error-box" role="alert" data-testid="sql-error">
              <strong>
                {run.error.code === 'CANCELLED' ? 'Cancelled.' : run.error.code === 'INVALID_INPUT' ? 'Nothing ran.' : 'Query failed.'}
              </strong>{' '}
              {run.error.message}
              {run.error.position && (
                <span className="muted">
                  {' '}
                  (line {run.error.position.line}, column {run.error.position.column} of the statement)
                </span>
              )}
              {run.notice && <div className="muted">{run.notice}</div>}
            </div>
          )}
          <div className="sqlwb-bottom">
            <div className="panel-tabs" role="tablist">
              {PANELS.map((p) => (
                <button
                  key={p.id}
                  role="tab"
                  aria-selected={store.panel === p.id}
                  className={store.panel === p.id ? 'active' : ''}
                  onClick={() => store.setPanel(p.id)}
                  data-testid={`panel-${p.id}`}
                >
                  {p.label}
                </button>
              ))}
              <span className="spacer" />
              {run?.result && <ExportMenu resultId={run.result.resultId} />}
            </div>
            <div className="panel-body">
              {(store.panel === 'results' || store.panel === 'chart') && run?.results && run.results.length > 1 && (
                <ResultTabs results={run.results} shown={run.shown ?? 0} onShow={(i) => store.showResult(tab.id, i)} />
              )}
              {store.panel === 'results' &&
                (run?.result ? (
                  run.result.columns.length > 0 ? (
                    <ResultGrid key={run.result.resultId ?? run.shown} result={run.result} />
                  ) : (
                    <div className="muted" data-testid="sql-meta">
                      {run.result.statementType} done in {run.result.elapsedMs.toFixed(0)} ms. {run.notice}
                    </div>
                  )
                ) : (
                  <div className="muted">
                    Run a statement with Ctrl+Enter (the highlighted one runs). Drop a CSV, Parquet or JSON file here to import it.
                  </div>
                ))}
              {store.panel === 'chart' &&
                (run?.result && run.result.columns.length > 0 ? (
                  <ResultChart
                    key={run.result.resultId ?? run.shown}
                    result={run.result}
                    sql={tab?.target === LOCAL_TARGET_ID ? (run.results?.[run.shown ?? 0]?.statement ?? run.statement)?.text : undefined}
                  />
                ) : (
                  <div className="muted">Run a query to chart its result.</div>
                ))}
              {store.panel === 'plan' &&
                (run?.plan ? (
                  <PlanTree plan={run.plan} />
                ) : (
                  <div className="muted">Use Explain or Explain analyze to see the plan of the highlighted statement.</div>
                ))}
              {store.panel === 'history' && <HistoryPanel onOpen={(sql) => store.addTab(sql)} />}
              {store.panel === 'saved' && <SavedPanel onOpen={(name, sql) => store.addTab(sql, name)} />}
            </div>
          </div>
        </div>
      </div>
      {dragging && <div className="drop-overlay">Drop a CSV, Parquet or JSON file to import it as a table</div>}
      {store.paramPrompt && <ParamDialog prompt={store.paramPrompt} />}
      {saving && (
        <SaveDialog
          initial={tab.title}
          onClose={() => setSaving(false)}
          onSave={(name) => {
            setSaving(false);
            void store.saveQuery(name, editor.current?.text() ?? tab.sql, tab.target).then(() => store.setPanel('saved'));
          }}
        />
      )}
      <ImportDialog onQuery={(sql) => store.addTab(sql)} />
    </div>
  );
}
