import { create } from 'zustand';

/** Hash routes (#/sql, #/dashboards/executive-overview): they work the same under app:// and http://. */
export interface Route {
  page: string;
  rest: string[];
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] ?? 'dashboards', rest: parts.slice(1) };
}

interface RouteState {
  route: Route;
  navigate(page: string, ...rest: string[]): void;
}

export const useRouteStore = create<RouteState>((set) => {
  window.addEventListener('hashchange', () => set({ route: parseHash(window.location.hash) }));
  return {
    route: parseHash(window.location.hash),
    navigate(page, ...rest) {
      window.location.hash = '/' + [page, ...rest].map(encodeURIComponent).join('/');
    },
  };
});
