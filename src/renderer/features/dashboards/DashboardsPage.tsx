import { DashboardView } from './DashboardView';
import { Gallery } from './Gallery';
import './dashboards.css';

/** #/dashboards → the gallery; #/dashboards/<id> → a dashboard; #/dashboards/<id>/present → presentation mode. */
export function DashboardsPage({ rest }: { rest: string[] }) {
  const [id, mode] = rest;
  if (!id) return <Gallery />;
  return <DashboardView id={id} present={mode === 'present'} />;
}
