import type { StatementResult } from '../sql-store';
import { resultLabel } from './result-label';
import './results.css';

/** One tab per statement of the last run ("Run all"), labelled with its start, row count and time. */
export function ResultTabs({ results, shown, onShow }: { results: StatementResult[]; shown: number; onShow(index: number): void }) {
  return (
    <div className="result-tabs" role="tablist" aria-label="Statement results" data-testid="result-tabs">
      {results.map((r, i) => (
        <button
          key={i}
          role="tab"
          aria-selected={i === shown}
          className={i === shown ? 'active' : ''}
          title={r.statement.text}
          onClick={() => onShow(i)}
          data-testid="result-tab"
        >
          <span className="result-tab-index">{i + 1}</span> {resultLabel(r.statement.text, r.result)}
        </button>
      ))}
    </div>
  );
}
