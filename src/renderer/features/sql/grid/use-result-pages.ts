import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cell, ExecuteResult, SortKey } from '../../../../shared/api';
import { api } from '../../../api/client';
import { PageCache } from './page-cache';

export const PAGE_SIZE = 200;
/** Pages held at once: a screenful needs 1–2; the rest make scrolling back instant. */
export const MAX_PAGES = 6;
const FETCH_DELAY_MS = 25;

export interface ResultPages {
  /** Rows in the result; null while it is still being counted. */
  total: number | null;
  /** Rows the grid can show now (total, or what is known so far). */
  rowCount: number;
  rowAt(index: number): Cell[] | undefined;
  /** Asks for the rows of the view; pages are fetched after scrolling pauses briefly. */
  request(first: number, last: number): void;
  /** Reads rows [from, to] for copying, from the cache or the target. */
  readRange(from: number, to: number): Promise<Cell[][]>;
  heldPages(): number;
  error: string | undefined;
}

/** Pages a result into the grid: only what is on screen is fetched, and only a few pages are held. */
export function useResultPages(result: ExecuteResult | undefined, sort: SortKey[]): ResultPages {
  const cache = useRef(new PageCache(PAGE_SIZE, MAX_PAGES));
  const inFlight = useRef(new Set<number>());
  const wanted = useRef<[number, number]>([0, 0]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const generation = useRef(0);
  const [, setVersion] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>();
  const resultId = result?.resultId ?? null;
  const sortKey = JSON.stringify(sort);

  useEffect(() => {
    generation.current++;
    cache.current = new PageCache(PAGE_SIZE, MAX_PAGES);
    inFlight.current.clear();
    setError(undefined);
    if (result && sort.length === 0) cache.current.put(0, result.rows);
    setVersion((v) => v + 1);
  }, [result, sortKey]);

  useEffect(() => {
    setTotal(result?.total ?? null);
    if (!result || result.total !== null || !resultId) return;
    let live = true;
    api
      .call('sqlwb.count', { resultId })
      .then((r) => live && setTotal(r.total))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [result, resultId]);

  const fetchPage = useCallback(
    async (page: number) => {
      if (!resultId || inFlight.current.has(page)) return;
      const gen = generation.current;
      inFlight.current.add(page);
      try {
        const out = await api.call('sqlwb.page', {
          resultId,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
          sort: sort.length ? sort : undefined,
        });
        if (gen !== generation.current) return;
        const [first, last] = wanted.current;
        const keep = new Set<number>();
        for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) keep.add(p);
        cache.current.put(page, out.rows, keep);
        setVersion((v) => v + 1);
      } catch (e) {
        if (gen === generation.current) setError(e instanceof Error ? e.message : String(e));
      } finally {
        inFlight.current.delete(page);
      }
    },
    [resultId, sortKey],
  );

  const request = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last];
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const [a, b] = wanted.current;
        for (const page of cache.current.missing(a, b)) void fetchPage(page);
      }, FETCH_DELAY_MS);
    },
    [fetchPage],
  );

  const readRange = useCallback(
    async (from: number, to: number) => {
      const rows: Cell[][] = [];
      for (let i = from; i <= to;) {
        const held = cache.current.row(i);
        if (held) {
          rows.push(held);
          i++;
          continue;
        }
        if (!resultId) break;
        const limit = Math.min(10_000, to - i + 1);
        const out = await api.call('sqlwb.page', { resultId, offset: i, limit, sort: sort.length ? sort : undefined });
        rows.push(...out.rows);
        if (out.rows.length === 0) break;
        i += out.rows.length;
      }
      return rows;
    },
    [resultId, sortKey],
  );

  const known = result ? (total ?? result.rows.length) : 0;
  return {
    total,
    rowCount: known,
    rowAt: (i) => cache.current.row(i),
    request,
    readRange,
    heldPages: () => cache.current.size,
    error,
  };
}
