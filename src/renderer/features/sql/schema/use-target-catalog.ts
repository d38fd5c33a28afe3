import { useEffect, useState } from 'react';
import type { Catalog } from '../../../../shared/api';
import { api } from '../../../api/client';
import { useAppStore } from '../../../stores/app-store';

/** The live catalog of a SQL target, re-read when tables change (engine.changed, or a statement on this page). */
export function useTargetCatalog(target: string | undefined): { catalog?: Catalog; error?: string } {
  const [state, setState] = useState<{ catalog?: Catalog; error?: string }>({});
  const localCatalog = useAppStore((s) => s.catalog);
  const [bump, setBump] = useState(0);
  useEffect(() => api.on('engine.changed', () => setBump((n) => n + 1)), []);
  useEffect(() => {
    if (!target) return;
    let live = true;
    api
      .call('sqlwb.catalog', { target })
      .then((catalog) => live && setState({ catalog }))
      .catch((e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [target, localCatalog, bump]);
  return state;
}
