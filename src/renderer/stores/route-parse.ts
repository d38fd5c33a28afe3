/** Hash routes (#/sql, #/dashboards/executive-overview): they work the same under app:// and http://. */
export interface Route {
  page: string;
  rest: string[];
}

export function parseHash(hash: string): Route {
  // A `?query` after the route keeps a page's own state (a dashboard's filters); it is not part of the route.
  const parts = hash.replace(/\?.*$/, '').replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] ?? 'dashboards', rest: parts.slice(1) };
}
