import type { HandlerGroup } from '../api/handlers';
import { readCatalog } from './catalog';
import type { Engine } from './engine';

export const QUERY_TIMEOUT_MS = 5 * 60_000;

/** engine.* methods: the SQL page and everything that reads the local database as the user. */
export function engineHandlers(engine: Engine): HandlerGroup<'engine.query' | 'engine.page' | 'engine.catalog'> {
  return {
    'engine.query': (input, ctx) =>
      engine.query(input.sql, {
        params: input.params,
        maxRows: input.maxRows,
        timeoutMs: input.timeoutMs ?? QUERY_TIMEOUT_MS,
        signal: ctx.signal,
      }),
    'engine.page': (input, ctx) =>
      engine.page(
        input.sql,
        { offset: input.offset, limit: input.limit, withTotal: input.withTotal },
        { params: input.params, timeoutMs: QUERY_TIMEOUT_MS, signal: ctx.signal },
      ),
    'engine.catalog': () => readCatalog(engine),
  };
}
