import { shell } from 'electron';

import { isSafeExternalUrl } from './external-url';

/** The one place that may call shell.openExternal (lint enforces it). */
export async function safeOpenExternal(url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}
