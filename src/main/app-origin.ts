/** The renderer is served from this custom scheme, never file:// or http://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for URLs of our own renderer; everything else is foreign. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

/** Only frames of our own renderer may call core over IPC. */
export function senderAllowed(event: { senderFrame?: { url: string } | null }): boolean {
  return isAppUrl(event.senderFrame?.url);
}
