import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** The window's last bounds and route, kept in the user-data folder between runs. */
export function loadWindowState(userDataDir: string): WindowState {
  const file = join(userDataDir, 'window-state.json');
  if (!existsSync(file)) return DEFAULT_STATE;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    if (typeof state.width !== 'number' || typeof state.height !== 'number') return DEFAULT_STATE;
    const route = restorableRoute(typeof state.route === 'string' ? state.route : undefined);
    const { route: _stored, ...rest } = state;
    return { ...DEFAULT_STATE, ...rest, ...(route ? { route } : {}) };
  } catch {
    return DEFAULT_STATE;
  }
}

export function saveWindowState(userDataDir: string, state: WindowState): void {
  const route = restorableRoute(state.route);
  const { route: _given, ...rest } = state;
  writeFileSync(join(userDataDir, 'window-state.json'), JSON.stringify({ ...rest, ...(route ? { route } : {}) }));
}
