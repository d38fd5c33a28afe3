import type { CounterWidget } from '../../../shared/dashboards/definition';
import { describeChange, formatValue } from '../../../shared/dashboards/format';
import type { QueryResult } from '../../../shared/api';
import type { PeriodGap } from '../../../shared/dashboards/coverage';
import { toRows } from './charts';

/**
 * A big number and its change against the previous period (green when the change is good news).
 * `previousGap` says why the previous period cannot be compared; the change then reads "n/a".
 */
export function CounterView({
  widget,
  result,
  previousGap,
}: {
  widget: CounterWidget;
  result: QueryResult;
  previousGap?: PeriodGap | null;
}) {
  const row = toRows(result)[0] ?? {};
  const { value, previous, higherIsBetter } = widget.encodings;
  const current = row[value.field];
  // Money from $10,000 up in its compact form ("$524.4K"), which fits a sixth of a 1280-wide grid; the title keeps the full figure.
  const full = formatValue(current, value.format);
  const compact = value.format === 'currency' && Math.abs(Number(current)) >= 10_000;
  const change = previous ? describeChange(current, row[previous], value.format, higherIsBetter ?? true) : undefined;
  return (
    <div className="counter">
      <div className="counter-value" data-testid="counter-value" title={full}>
        {compact ? formatValue(current, value.format, { compact: true }) : full}
      </div>
      {previous && previousGap ? (
        <div className="counter-change" title={previousGap.reason} data-testid="counter-change">
          n/a <span className="muted">· {previousGap.label}</span>
        </div>
      ) : (
        change && (
          <div
            data-testid="counter-change"
            className={`counter-change ${change.good === undefined ? '' : change.good ? 'good' : 'bad'}`}
            title={`Previous period: ${formatValue(row[previous!], value.format)}`}
          >
            <span className="counter-part">
              {change.direction === 'up' ? '▲' : change.direction === 'down' ? '▼' : '●'} {change.text}
            </span>{' '}
            <span className="counter-part muted">vs prev. period</span>
          </div>
        )
      )}
    </div>
  );
}
