import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const DEFAULT_STATE: WindowState = { width: 1440, height: 900, maximized: false };

/** The window's last bounds, kept in the user-data folder between runs. */
export function loadWindowState(userDataDir: string): WindowState {
  const file = join(userDataDir, 'window-state.json');
  if (!existsSync(file)) return DEFAULT_STATE;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    if (typeof state.width !== 'number' || typeof state.height !== 'number') return DEFAULT_STATE;
    return { ...DEFAULT_STATE, ...state };
  } catch {
    return DEFAULT_STATE;
  }
}

export function saveWindowState(userDataDir: string, state: WindowState): void {
  writeFileSync(join(userDataDir, 'window-state.json'), JSON.stringify(state));
}
