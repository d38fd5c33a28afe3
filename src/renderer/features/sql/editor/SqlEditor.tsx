import Editor, { type OnMount } from '@monaco-editor/react';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { SqlPosition } from '../../../../shared/errors';
import { splitStatements, statementAt, type SqlStatement } from '../../../../shared/sql/statements';
import { registerCompletion } from './completion-provider';
import { DUCKDB_LANGUAGE } from './duckdb-language';
import { monaco } from './monaco-setup';

export type RunMode = 'auto' | 'all';

/** What the page asks the editor: which statements a run would execute. */
export interface SqlEditorHandle {
  statements(mode: RunMode): SqlStatement[];
  /** The tab's current text (the model owns it while typing). */
  text(): string;
  focus(): void;
  /** Types `text` at the cursor (replacing a selection), as one undoable edit. */
  insert(text: string): void;
}

interface Props {
  /** One Monaco model per tab, so each keeps its own text and undo history. */
  path: string;
  /** The text a tab's model starts with; afterwards the model owns it (typing never re-renders the page). */
  initialValue: string;
  theme: 'light' | 'dark';
  running: SqlStatement | undefined;
  error: { message: string; position?: SqlPosition; statementStart: number } | undefined;
  onChange(value: string): void;
  onRun(mode: RunMode): void;
  onCancel(): void;
}

type CodeEditor = Parameters<OnMount>[0];

/** Statements a run would execute: the selection (split), or the one at the cursor, or all. */
function pick(editor: CodeEditor, mode: RunMode): SqlStatement[] {
  const model = editor.getModel();
  if (!model) return [];
  const text = model.getValue();
  if (mode === 'all') return splitStatements(text);
  const selection = editor.getSelection();
  if (selection && !selection.isEmpty()) {
    const from = model.getOffsetAt(selection.getStartPosition());
    const chosen = model.getValueInRange(selection);
    return splitStatements(chosen).map((s) => ({ text: s.text, start: s.start + from, end: s.end + from }));
  }
  const at = statementAt(text, model.getOffsetAt(editor.getPosition() ?? { lineNumber: 1, column: 1 }));
  return at ? [at] : [];
}

/** Monaco with DuckDB highlighting, catalog completion, run keys and error markers. */
export const SqlEditor = forwardRef<SqlEditorHandle, Props>(function SqlEditor(props, ref) {
  const editorRef = useRef<CodeEditor | undefined>(undefined);
  const decorations = useRef<ReturnType<CodeEditor['createDecorationsCollection']> | undefined>(undefined);
  const callbacks = useRef(props);
  callbacks.current = props;

  useImperativeHandle(ref, () => ({
    statements: (mode) => (editorRef.current ? pick(editorRef.current, mode) : []),
    text: () => editorRef.current?.getModel()?.getValue() ?? '',
    focus: () => editorRef.current?.focus(),
    insert: (text) => {
      const editor = editorRef.current;
      const selection = editor?.getSelection();
      if (!editor || !selection) return;
      editor.executeEdits('schema-browser', [{ range: selection, text, forceMoveMarkers: true }]);
      editor.pushUndoStop();
      editor.focus();
    },
  }));

  const highlight = () => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const running = callbacks.current.running;
    const targets = running ? [running] : pick(editor, 'auto');
    decorations.current?.set(
      targets.map((s) => {
        const a = model.getPositionAt(s.start);
        const b = model.getPositionAt(s.end);
        return {
          range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column),
          options: { className: running ? 'sqlwb-running-range' : 'sqlwb-run-range', isWholeLine: false, stickiness: 1 },
        };
      }),
    );
  };

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    registerCompletion(monaco);
    decorations.current = editor.createDecorationsCollection();
    const runWith = (mode: RunMode) => {
      editor.trigger('sqlwb', 'hideSuggestWidget', undefined);
      callbacks.current.onRun(mode);
    };
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runWith('auto'));
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => runWith('all'));
    editor.addCommand(
      monaco.KeyCode.Escape,
      () => callbacks.current.onCancel(),
      '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible',
    );
    editor.onDidChangeCursorSelection(highlight);
    editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (model) monaco.editor.setModelMarkers(model, 'sqlwb', []);
    });
    highlight();
    editor.focus();
  };

  useEffect(highlight, [props.running]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const e = props.error;
    if (!e?.position) {
      monaco.editor.setModelMarkers(model, 'sqlwb', []);
      return;
    }
    const at = model.getPositionAt(e.statementStart + e.position.offset);
    const word = model.getWordAtPosition(at);
    monaco.editor.setModelMarkers(model, 'sqlwb', [
      {
        severity: monaco.MarkerSeverity.Error,
        message: e.message,
        startLineNumber: at.lineNumber,
        startColumn: word?.startColumn ?? at.column,
        endLineNumber: at.lineNumber,
        endColumn: word?.endColumn ?? at.column + 1,
      },
    ]);
  }, [props.error]);

  return (
    <div className="sqlwb-editor" data-testid="sql-editor">
      <Editor
        language={DUCKDB_LANGUAGE}
        theme={props.theme === 'dark' ? 'vs-dark' : 'vs'}
        path={props.path}
        defaultValue={props.initialValue}
        onChange={(v) => props.onChange(v ?? '')}
        onMount={onMount}
        options={{
          minimap: { enabled: false },
          fontSize: 13,
          fontFamily: "'JetBrains Mono', 'DejaVu Sans Mono', monospace",
          scrollBeyondLastLine: false,
          automaticLayout: true,
          wordBasedSuggestions: 'off',
          quickSuggestions: { other: true, comments: false, strings: false },
          quickSuggestionsDelay: 0,
          suggest: { showWords: false },
          tabSize: 2,
          renderLineHighlight: 'line',
        }}
      />
    </div>
  );
});
