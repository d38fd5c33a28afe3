import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { warehouseSqlTargetId, type AskAnswer } from '../../../shared/api';
import { ResultTable } from '../../components/ResultTable';
import { TargetBadge } from '../../components/TargetSwitch';
import { useSqlHandoffStore } from '../../stores/sql-handoff-store';
import { AskChartView } from './AskChartView';
import { useAskStore } from './ask-store';

const SOURCE_LABEL: Record<AskAnswer['source'], string> = {
  offline: 'semantic layer',
  llm: 'language model',
  verified: 'verified',
  edited: 'edited SQL',
};

/** One turn of the conversation: question, sentence, chart, SQL (editable) and table, with feedback. */
export function AnswerCard({ answer, onAsk }: { answer: AskAnswer; onAsk(question: string): void }) {
  const [sql, setSql] = useState(answer.sql ?? '');
  // A selector, not the whole store: streamed text changes many times a second while a question runs.
  const { rerun, rate, asking } = useAskStore(useShallow((s) => ({ rerun: s.rerun, rate: s.rate, asking: s.asking })));
  const openInSqlEditor = useSqlHandoffStore((s) => s.openInSqlEditor);
  // Answers kept from before warehouses could answer ran locally.
  const warehouse = answer.target?.kind === 'warehouse' ? answer.target : undefined;
  const profileName = warehouse ? warehouse.label.replace(/^Databricks · /, '') : null;
  const answeredBy = warehouse ? warehouse.label : 'Local DuckDB';
  return (
    <article className="ask-answer" data-testid="ask-answer">
      <header className="ask-answer-head">
        <span className="ask-question-text" data-testid="ask-answer-question">
          {answer.question}
        </span>
        {answer.verified && (
          <span className="ask-badge verified" data-testid="ask-verified-badge" title="Answered with a verified question→SQL pair">
            ✓ verified
          </span>
        )}
        <span className="ask-badge">{SOURCE_LABEL[answer.source]}</span>
        {answer.sql && <TargetBadge profileName={profileName} testId="ask-answer-target" />}
      </header>
      <p className={answer.sql ? 'ask-sentence' : 'ask-sentence cannot'} data-testid="ask-sentence">
        {answer.answer}
      </p>
      {answer.suggestions.length > 0 && (
        <div className="ask-suggestions" data-testid="ask-suggestions">
          <span className="muted">Try:</span>
          {answer.suggestions.map((s) => (
            <button key={s} className="ask-chip" onClick={() => onAsk(s)}>
              {s}
            </button>
          ))}
        </div>
      )}
      {answer.sql && (
        <>
          <AskChartView chart={answer.chart} columns={answer.columns} rows={answer.rows} />
          <details className="ask-sql" open>
            <summary data-testid="ask-sql-summary">
              SQL · {warehouse ? `Databricks SQL, ran on ${answeredBy}` : 'DuckDB, ran on Local DuckDB'}
            </summary>
            <textarea
              className="sql-textarea ask-sql-input"
              rows={Math.min(12, sql.split('\n').length + 1)}
              data-testid="ask-sql"
              spellCheck={false}
              value={sql}
              onChange={(e) => setSql(e.target.value)}
              aria-label="Generated SQL"
            />
            <div className="toolbar">
              <button onClick={() => void rerun(answer.id, sql)} disabled={asking || !sql.trim()} data-testid="ask-rerun">
                Run SQL
              </button>
              <button
                onClick={() => openInSqlEditor(sql, warehouse?.profileId ? warehouseSqlTargetId(warehouse.profileId) : undefined)}
                data-testid="ask-open-sql"
              >
                Open in SQL editor
              </button>
              <span className="spacer" />
              <span className="muted">Was this right?</span>
              <button
                className={answer.rating === 'up' ? 'ask-thumb active' : 'ask-thumb'}
                aria-label="Thumbs up"
                title="Right: save as a verified question"
                data-testid="ask-thumbs-up"
                onClick={() => void rate(answer.id, answer.rating === 'up' ? null : 'up')}
              >
                ✓ Right
              </button>
              <button
                className={answer.rating === 'down' ? 'ask-thumb active' : 'ask-thumb'}
                aria-label="Thumbs down"
                title="Wrong"
                data-testid="ask-thumbs-down"
                onClick={() => void rate(answer.id, answer.rating === 'down' ? null : 'down')}
              >
                ✗ Wrong
              </button>
            </div>
          </details>
          <div className="muted result-meta" data-testid="ask-result-meta">
            {answer.rows.length.toLocaleString()} row{answer.rows.length === 1 ? '' : 's'} from {answeredBy}
            {answer.truncated ? ' (truncated: only the first rows are shown)' : ''} in {answer.elapsedMs.toFixed(0)} ms
          </div>
          <ResultTable columns={answer.columns} rows={answer.rows} />
        </>
      )}
    </article>
  );
}
