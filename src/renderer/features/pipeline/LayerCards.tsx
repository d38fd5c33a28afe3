import type { GoldCount, LayerCounts } from '../../../shared/api';
import { formatCount } from './pipeline-model';

/** Rows per layer (from pushed events) and the gold views' row counts (on demand). */
export function LayerCards(props: { layers?: LayerCounts; gold: GoldCount[]; goldLoading: boolean; onRefreshGold(): void }) {
  const { layers, gold } = props;
  const cards: [string, string, number | undefined][] = [
    ['bronze', 'Bronze', layers?.bronze],
    ['silver', 'Silver', layers?.silver],
    ['quarantine', 'Quarantine', layers?.quarantine],
    ['batches', 'Batches', layers?.batches],
  ];
  return (
    <>
      <div className="layer-cards">
        {cards.map(([id, label, value]) => (
          <div key={id} className={`layer-card layer-${id}`} data-testid={`layer-${id}`}>
            <div className="layer-label">{label}</div>
            <div className="layer-value">{value === undefined ? '—' : formatCount(value)}</div>
            {id === 'bronze' && (layers?.pendingRetries ?? 0) > 0 && (
              <div
                className="layer-note"
                data-testid="pending-retries"
                title="Soft declines retried after their wait arrive when their time comes"
              >
                + {formatCount(layers!.pendingRetries)} retries not yet due
              </div>
            )}
          </div>
        ))}
        <div className="layer-card layer-gold" data-testid="layer-gold">
          <div className="layer-label">Gold views</div>
          <div className="layer-value">{gold.length}</div>
        </div>
      </div>
      <details className="gold-counts">
        <summary>
          Gold view row counts{' '}
          <button className="link-button" onClick={props.onRefreshGold} disabled={props.goldLoading} data-testid="gold-refresh">
            {props.goldLoading ? 'counting…' : 'refresh'}
          </button>
        </summary>
        <table className="quality-table" data-testid="gold-table">
          <thead>
            <tr>
              <th>View</th>
              <th className="num">Rows</th>
              <th className="num">ms</th>
            </tr>
          </thead>
          <tbody>
            {gold.map((g) => (
              <tr key={g.view}>
                <td>{g.view}</td>
                <td className="num">{formatCount(g.rows)}</td>
                <td className="num">{g.elapsedMs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
