import { useEffect } from 'react';
import { features } from './features/registry';
import { Sidebar } from './features/shell/Sidebar';
import { StatusBar } from './features/shell/StatusBar';
import { useAppStore } from './stores/app-store';
import { useRouteStore } from './stores/route-store';

export function App() {
  const theme = useAppStore((s) => s.theme);
  const load = useAppStore((s) => s.load);
  const route = useRouteStore((s) => s.route);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const feature = features.find((f) => f.id === route.page) ?? features[0]!;
  return (
    <div className="app">
      <Sidebar />
      <main className="content" data-testid={`page-${feature.id}`}>
        <header className="page-header">
          <h1>{feature.label}</h1>
        </header>
        <feature.Page rest={route.rest} />
      </main>
      <StatusBar />
    </div>
  );
}
