import type { Cell, Column } from '../../shared/api';

function show(cell: Cell): string {
  if (cell === null) return 'NULL';
  if (typeof cell === 'object') return JSON.stringify(cell);
  return String(cell);
}

/** A plain result table; numbers align right, NULL is marked. */
export function ResultTable({ columns, rows }: { columns: Column[]; rows: Cell[][] }) {
  return (
    <div className="result-table-wrap">
      <table className="result-table" data-testid="result-table">
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} title={c.type}>
                {c.name}
                <span className="col-type">{c.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className={cell === null ? 'null' : typeof cell === 'number' ? 'num' : undefined}>
                  {show(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
