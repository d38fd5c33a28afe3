import type { TableWidget } from '../../../shared/dashboards/definition';
import { formatValue } from '../../../shared/dashboards/format';
import type { QueryResult } from '../../../shared/api';
import { toRows } from './charts';

const NUMERIC = new Set(['integer', 'number', 'percent', 'currency', 'ms', 'score', 'pp']);

/** A compact table of the dataset's rows; a click on a row picks its first column. */
export function TableView({
  widget,
  result,
  onPick,
  selected,
}: {
  widget: TableWidget;
  result: QueryResult;
  onPick(v: string | number | null): void;
  selected?: string | number | null;
}) {
  const rows = toRows(result);
  const cols = widget.encodings.columns;
  const key = cols[0]!.field;
  return (
    <div className="widget-table-wrap">
      <table className="widget-table">
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.field} className={NUMERIC.has(c.format ?? '') ? 'num' : ''}>
                {c.label ?? c.field}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={i}
              onClick={() => onPick((r[key] as string | number | null) ?? null)}
              className={selected !== undefined && selected === r[key] ? 'selected' : ''}
            >
              {cols.map((c) => (
                <td key={c.field} className={NUMERIC.has(c.format ?? '') ? 'num' : ''}>
                  {formatValue(r[c.field], c.format)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
