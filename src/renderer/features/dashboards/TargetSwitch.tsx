import type { WarehouseProfile } from '../../../shared/api';

/** The target choice (Local DuckDB or a Databricks profile); hidden when no profile exists. */
export function TargetSwitch({
  profiles,
  target,
  onChange,
}: {
  profiles: Pick<WarehouseProfile, 'id' | 'name'>[];
  target: string | null;
  onChange: (profileId: string | null) => void;
}) {
  if (profiles.length === 0) return null;
  return (
    <label className="dashboard-target" title="Where this dashboard's datasets run">
      Run on
      <select value={target ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid="dashboard-target">
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

/** Says where the numbers on screen come from. */
export function TargetBadge({ profileName }: { profileName: string | null }) {
  return (
    <span
      className={`target-badge${profileName ? ' warehouse' : ''}`}
      data-testid="dashboard-target-badge"
      data-target={profileName ? 'warehouse' : 'local'}
      title={profileName ? 'Numbers come from the Databricks SQL warehouse of this profile' : 'Numbers come from the local DuckDB database'}
    >
      {profileName ? `Databricks · ${profileName}` : 'Local DuckDB'}
    </span>
  );
}
