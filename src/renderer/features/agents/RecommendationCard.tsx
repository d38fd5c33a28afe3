import { useState } from 'react';
import type { Recommendation, RecommendationStatus } from '../../../shared/api';
import { ResultTable } from '../../components/ResultTable';
import { formatWhen } from './agents-view';

interface Props {
  rec: Recommendation;
  agentName: string;
  onStatus(status: RecommendationStatus): void;
  onOpenEvidence(): void;
}

/** One recommendation: severity, what to do, expected impact, narrative, evidence and accept/dismiss. */
export function RecommendationCard({ rec, agentName, onStatus, onOpenEvidence }: Props) {
  const [showEvidence, setShowEvidence] = useState(false);
  return (
    <li
      className={`rec-card severity-${rec.severity} status-${rec.status}`}
      data-testid="recommendation"
      data-severity={rec.severity}
      data-agent={rec.agent}
    >
      <div className="rec-head">
        <span className={`severity-badge ${rec.severity}`}>{rec.severity}</span>
        <span className="muted">{agentName}</span>
        <span className="muted">{formatWhen(rec.createdAt)}</span>
        {rec.status !== 'open' && <span className="rec-status">{rec.status}</span>}
      </div>
      <h4 data-testid="recommendation-title">{rec.title}</h4>
      <p>{rec.recommendation}</p>
      <p className="rec-impact">
        <strong>Expected impact:</strong> {rec.expectedImpact}
      </p>
      {rec.narrative && <p className="rec-narrative">{rec.narrative}</p>}
      <div className="rec-actions">
        {rec.status === 'open' ? (
          <>
            <button onClick={() => onStatus('accepted')} data-testid="recommendation-accept">
              Accept
            </button>
            <button onClick={() => onStatus('dismissed')} data-testid="recommendation-dismiss">
              Dismiss
            </button>
          </>
        ) : (
          <button onClick={() => onStatus('open')} data-testid="recommendation-reopen">
            Reopen
          </button>
        )}
        <button onClick={() => setShowEvidence(!showEvidence)} aria-expanded={showEvidence} data-testid="recommendation-evidence-toggle">
          {showEvidence ? 'Hide evidence' : 'Show evidence'}
        </button>
        <button onClick={onOpenEvidence} data-testid="recommendation-open-evidence">
          Open evidence in SQL
        </button>
      </div>
      {showEvidence && (
        <div className="rec-evidence">
          <pre className="rec-sql">{rec.evidenceSql}</pre>
          <ResultTable columns={rec.evidence.columns} rows={rec.evidence.rows} />
        </div>
      )}
    </li>
  );
}
