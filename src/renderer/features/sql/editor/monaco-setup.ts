import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/sql/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { registerDuckdbLanguage } from './duckdb-language';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

/**
 * Monaco from the bundled package, never a CDN: the worker is built by Vite, and the
 * @monaco-editor/react loader is handed this instance before any editor mounts (otherwise it
 * injects a jsdelivr script that the CSP blocks and the editor never appears).
 */
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco: monaco as never });
registerDuckdbLanguage(monaco);

export { monaco };
export type Monaco = typeof monaco;
