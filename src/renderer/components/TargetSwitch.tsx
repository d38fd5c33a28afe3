import type { WarehouseProfile } from '../../shared/api';
import './target-switch.css';

/** The target choice (Local DuckDB or a Databricks profile), as dashboards and Ask show it; hidden when no profile exists. */
export function TargetSwitch({
  profiles,
  target,
  onChange,
  testId,
  title,
}: {
  profiles: Pick<WarehouseProfile, 'id' | 'name'>[];
  target: string | null;
  onChange: (profileId: string | null) => void;
  testId: string;
  title: string;
}) {
  if (profiles.length === 0) return null;
  return (
    <label className="target-switch" title={title}>
      Run on
      <select value={target ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
        <option value="">Local DuckDB</option>
        {profiles.map((p) => (
          <option key={p.id} value={p.id}>
            Databricks · {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Says where the numbers on screen come from: `Local DuckDB`, or `Databricks · <profile>` in the accent colour. */
export function TargetBadge({ profileName, testId }: { profileName: string | null; testId: string }) {
  return (
    <span
      className={`target-badge${profileName ? ' warehouse' : ''}`}
      data-testid={testId}
      data-target={profileName ? 'warehouse' : 'local'}
      title={profileName ? 'Numbers come from the Databricks SQL warehouse of this profile' : 'Numbers come from the local DuckDB database'}
    >
      {profileName ? `Databricks · ${profileName}` : 'Local DuckDB'}
    </span>
  );
}
