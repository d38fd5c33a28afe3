import { join } from 'node:path';
import { z } from 'zod';
import { readJsonChecked, writeJsonAtomic } from '../core/store/json-store';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  /**
   * The page and view on screen when the window closed (`#/dashboards/executive-overview?network=Visa`):
   * a dashboard's filters and cross-filters live in its route's query, so reopening it restores them.
   */
  route?: string;
}

const DEFAULT_STATE: WindowState = { width: 1440, height: 900, maximized: false };

/** What the file may hold: whole pixels of a plausible screen, nothing else (unknown keys are dropped). */
const Coordinate = z.number().int().min(-100_000).max(100_000);
const Size = z.number().int().min(100).max(100_000);
const StoredWindowState = z.object({
  x: Coordinate.optional(),
  y: Coordinate.optional(),
  width: Size,
  height: Size,
  maximized: z.boolean().default(false),
  route: z.string().optional(),
});

/**
 * The routes a window may reopen at (an allowlist): a hash route of the app's own pages with an
 * optional query of plain URL-encoded pairs. A bundle's session does not survive a restart, so
 * its route is not kept.
 */
const ROUTE = /^#\/[a-z][a-z-]{0,40}(?:\/[A-Za-z0-9%._:-]{1,200}){0,2}(?:\?[A-Za-z0-9%._~=&+-]{0,2000})?$/;

export function restorableRoute(hash: string | undefined): string | undefined {
  if (!hash || !ROUTE.test(hash)) return undefined;
  const path = hash.split('?')[0]!;
  if (/\/bundle(?::|%3A)/i.test(path)) return undefined;
  return hash;
}

const stateFile = (userDataDir: string) => join(userDataDir, 'window-state.json');

/**
 * The window's last bounds and route, kept in the user-data folder between runs through the JSON
 * store: checked by its schema on the way in (a damaged file is set aside and the defaults used).
 */
export function loadWindowState(userDataDir: string): WindowState {
  const r = readJsonChecked(stateFile(userDataDir), StoredWindowState);
  if (r.state !== 'ok') return DEFAULT_STATE;
  const { route: stored, x, y, ...rest } = r.value;
  const route = restorableRoute(stored);
  return { ...(x === undefined ? {} : { x }), ...(y === undefined ? {} : { y }), ...rest, ...(route ? { route } : {}) };
}

/** Saves the window's bounds and route atomically (a crash while closing never leaves half a file). */
export function saveWindowState(userDataDir: string, state: WindowState): void {
  const route = restorableRoute(state.route);
  const { route: _given, ...rest } = state;
  writeJsonAtomic(stateFile(userDataDir), { ...rest, ...(route ? { route } : {}) });
}
