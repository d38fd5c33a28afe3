/** Remembers, per dashboard, which target its datasets run on: a warehouse profile id, or local DuckDB (null). */
const KEY = 'medallion.dashboardTarget.';

export function rememberedTarget(dashboardId: string): string | null {
  try {
    return localStorage.getItem(KEY + dashboardId);
  } catch {
    return null;
  }
}

export function rememberTarget(dashboardId: string, profileId: string | null): void {
  try {
    if (profileId) localStorage.setItem(KEY + dashboardId, profileId);
    else localStorage.removeItem(KEY + dashboardId);
  } catch {
    // Storage unavailable (private mode): the choice lasts for this session only.
  }
}
