import type { DashboardParameter } from '../../../shared/dashboards/definition';
import type { Filters } from '../../../shared/dashboards/filters';
import { boundNames, parameterDefaults } from '../../../shared/dashboards/parameters';

interface Props {
  parameters: DashboardParameter[];
  filters: Filters;
  onChange(name: string, value: string | null): void;
}

const INPUT: Record<DashboardParameter['type'], string> = {
  STRING: 'text',
  DATE: 'date',
  DATETIME: 'date',
  INTEGER: 'number',
  DECIMAL: 'number',
  BOOLEAN: 'text',
};

/** The dashboard's own parameters (from a Lakeview file) as filters: defaults shown, changes re-run the widgets. */
export function ParameterBar({ parameters, filters, onChange }: Props) {
  // Dynamic defaults ("now-7d/d") count from the end of the chosen date range, like the service does.
  const defaults = parameterDefaults(parameters, filters.dateTo);
  return (
    <div className="filter-bar parameter-bar" data-testid="parameter-bar">
      {parameters.flatMap((p) =>
        boundNames(p).map((name, i) => {
          const value = filters.parameters?.[name] ?? defaults[name] ?? '';
          const label = p.range ? `${p.title} ${i === 0 ? 'from' : 'to'}` : p.title;
          return (
            <label className="filter" key={name}>
              <span>{label}</span>
              <input
                data-testid={`parameter-${name}`}
                type={INPUT[p.type]}
                step={p.type === 'DECIMAL' ? 'any' : undefined}
                value={value}
                onChange={(e) => onChange(name, e.target.value === '' ? null : e.target.value)}
              />
            </label>
          );
        }),
      )}
    </div>
  );
}
