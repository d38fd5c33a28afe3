import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Catalog } from '../../../shared/api';
import { buildCompletionIndex, type CompletionIndex } from './completion/catalog-index';
import { setCompletionIndex } from './editor/completion-provider';
import { setDuckdbFunctions } from './editor/duckdb-language';
import { monaco } from './editor/monaco-setup';

let colouredFunctions = '';

/**
 * Keeps autocomplete on the active target's live catalog (read by useTargetCatalog, which re-reads it
 * when tables change): rebuilt with the target's functions whenever that catalog changes.
 */
export function useCompletionIndex(target: string | undefined, catalog: Catalog | undefined): CompletionIndex | undefined {
  const [index, setIndex] = useState<CompletionIndex | undefined>();

  useEffect(() => {
    if (!target || !catalog) return;
    let live = true;
    void api
      .call('sqlwb.functions', { target })
      .then((functions) => {
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
  }, [target, catalog]);

  return index;
}
