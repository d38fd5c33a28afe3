import { useRouteStore } from '../../stores/route-store';
import { features } from '../registry';

export function Sidebar() {
  const page = useRouteStore((s) => s.route.page);
  const navigate = useRouteStore((s) => s.navigate);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand" title="Medallion Workbench">
        <span className="brand-mark">◆</span>
        <span className="brand-name">Medallion</span>
      </div>
      {features.map((f) => (
        <button
          key={f.id}
          className={`nav-item${page === f.id ? ' active' : ''}`}
          aria-current={page === f.id ? 'page' : undefined}
          onClick={() => navigate(f.id)}
          data-testid={`nav-${f.id}`}
        >
          <span className="nav-icon" aria-hidden>
            {f.icon}
          </span>
          <span>{f.label}</span>
        </button>
      ))}
    </nav>
  );
}
