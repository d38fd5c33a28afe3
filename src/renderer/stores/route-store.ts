import { create } from 'zustand';
import { parseHash, type Route } from './route-parse';

export { parseHash, type Route };

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
