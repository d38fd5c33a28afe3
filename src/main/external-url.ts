const ALLOWED_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

/** Whether a link may leave the app for the system browser: web and mail links only. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}
