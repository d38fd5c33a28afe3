import { BrowserWindow } from 'electron';

/** Negative control for scripts/electronegativity.mjs: a window that gives the page Node. Never imported. */
export function openInsecureWindow(): BrowserWindow {
  return new BrowserWindow({ webPreferences: { nodeIntegration: true } });
}
