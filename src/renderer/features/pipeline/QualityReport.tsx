import type { ExpectationRow } from '../../../shared/api';
import { batchQuality, expectationTotals, formatCount } from './pipeline-model';

/** The data-quality tab: each expectation over the recent batches, then batch by batch. */
export function QualityReport({ rows }: { rows: ExpectationRow[] }) {
  const totals = expectationTotals(rows);
  const batches = batchQuality(rows).slice(0, 20);
  return (
    <section className="pipeline-panel" data-testid="quality-report">
      <h2>Data quality (last {batchQuality(rows).length} batches)</h2>
      {totals.length === 0 ? (
        <p className="muted">No batches yet: start a backfill or a live stream.</p>
      ) : (
        <>
          <table className="quality-table" data-testid="quality-totals">
            <thead>
              <tr>
                <th>Expectation</th>
                <th>On failure</th>
                <th className="num">Passed</th>
                <th className="num">Failed</th>
                <th className="num">Failed %</th>
              </tr>
            </thead>
            <tbody>
              {totals.map((t) => (
                <tr key={t.expectation} data-testid={`expectation-${t.expectation}`}>
                  <td>{t.expectation}</td>
                  <td>
                    <span className={`badge ${t.action}`}>{t.action === 'drop' ? 'dropped' : 'warned'}</span>
                  </td>
                  <td className="num">{formatCount(t.passed)}</td>
                  <td className={`num ${t.failed > 0 ? (t.action === 'drop' ? 'bad' : 'warn') : ''}`}>{formatCount(t.failed)}</td>
                  <td className="num">{t.failedPct.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="quality-table" data-testid="quality-batches">
            <thead>
              <tr>
                <th className="num">Batch</th>
                <th>Source</th>
                <th>Committed</th>
                <th className="num">Dropped</th>
                <th className="num">Warned</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.batchId}>
                  <td className="num">{b.batchId}</td>
                  <td>{b.source}</td>
                  <td>{b.committedAt.replace('T', ' ').replace('Z', '')}</td>
                  <td className="num">{formatCount(b.dropped)}</td>
                  <td className="num">{formatCount(b.warned)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
