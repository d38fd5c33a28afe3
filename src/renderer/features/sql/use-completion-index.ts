import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useAppStore } from '../../stores/app-store';
import { buildCompletionIndex, type CompletionIndex } from './completion/catalog-index';
import { setCompletionIndex } from './editor/completion-provider';
import { setDuckdbFunctions } from './editor/duckdb-language';
import { monaco } from './editor/monaco-setup';

let colouredFunctions = '';

/**
 * Keeps autocomplete on the active target's live catalog: rebuilt when the target changes,
 * and when tables change (engine.changed, or a statement on this page created one).
 */
export function useCompletionIndex(target: string | undefined): CompletionIndex | undefined {
  const [index, setIndex] = useState<CompletionIndex | undefined>();
  const localCatalog = useAppStore((s) => s.catalog);
  const [bump, setBump] = useState(0);

  useEffect(() => api.on('engine.changed', () => setBump((n) => n + 1)), []);

  useEffect(() => {
    if (!target) return;
    let live = true;
    void Promise.all([api.call('sqlwb.catalog', { target }), api.call('sqlwb.functions', { target })])
      .then(([catalog, functions]) => {
        if (!live) return;
        const built = buildCompletionIndex(catalog, functions);
        setCompletionIndex(built);
        // Re-registering the grammar re-tokenises every open model: only when the list changed.
        const names = functions.map((f) => f.name);
        if (names.join(',') !== colouredFunctions) {
          colouredFunctions = names.join(',');
          setDuckdbFunctions(monaco, names);
        }
        setIndex(built);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [target, localCatalog, bump]);

  return index;
}
