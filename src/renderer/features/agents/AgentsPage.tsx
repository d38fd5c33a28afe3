import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AgentId, RecommendationStatus, Severity } from '../../../shared/api';
import { useSqlHandoffStore } from '../../stores/sql-handoff-store';
import { AgentCard } from './AgentCard';
import { latestSummary, SEVERITIES, severityCounts, summaryLines } from './agents-view';
import { useAgentsStore } from './agents-store';
import { RecommendationCard } from './RecommendationCard';
import { RunHistory } from './RunHistory';
import './agents.css';

/** The Agents page: the gallery of six, recommendations with evidence, and run history. */
export function AgentsPage() {
  const s = useAgentsStore(
    useShallow((x) => ({
      agents: x.agents,
      cancel: x.cancel,
      cancelRun: x.cancelRun,
      error: x.error,
      filters: x.filters,
      loaded: x.loaded,
      pending: x.pending,
      recommendations: x.recommendations,
      runNow: x.runNow,
      runs: x.runs,
      setFilters: x.setFilters,
      setSchedule: x.setSchedule,
      setStatus: x.setStatus,
      load: x.load,
      subscribe: x.subscribe,
    })),
  );
  const openInSqlEditor = useSqlHandoffStore((h) => h.openInSqlEditor);
  const { load, subscribe } = s;
  useEffect(() => {
    void load();
    return subscribe();
  }, [load, subscribe]);
  const names = useMemo(() => Object.fromEntries(s.agents.map((a) => [a.id, a.name])), [s.agents]);
  const counts = severityCounts(s.recommendations);
  const summary = latestSummary(s.recommendations);
  const findings = s.recommendations.filter((r) => r.agent !== 'orchestrator' || s.filters.agent === 'orchestrator');

  return (
    <div className="page agents-page">
      {s.error && (
        <div className="error-box" role="alert" data-testid="agents-error">
          {s.error}
        </div>
      )}
      <section className="agent-gallery" aria-label="Agents">
        {s.agents.map((a) => (
          <AgentCard
            key={a.id}
            agent={a}
            running={Boolean(s.pending[a.id]) || a.lastRun?.status === 'running'}
            onRun={() => void s.runNow(a.id)}
            onCancel={() => (s.pending[a.id] ? s.cancel(a.id) : a.lastRun && void s.cancelRun(a.lastRun.runId))}
            onSchedule={(enabled, ms) => void s.setSchedule(a.id, enabled, ms)}
          />
        ))}
      </section>

      {summary && (
        <section className="exec-summary" data-testid="agents-summary">
          <h2>{summary.title}</h2>
          {summaryLines(summary.recommendation).map((line, i) => (
            <p key={i}>{line}</p>
          ))}
          {summary.narrative && <p className="rec-narrative">{summary.narrative}</p>}
        </section>
      )}

      <section aria-label="Recommendations">
        <div className="toolbar rec-filters">
          <h2>Recommendations</h2>
          <select
            aria-label="Agent"
            value={s.filters.agent ?? ''}
            onChange={(e) => void s.setFilters({ ...s.filters, agent: (e.target.value || undefined) as AgentId | undefined })}
            data-testid="filter-agent"
          >
            <option value="">All agents</option>
            {s.agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <select
            aria-label="Severity"
            value={s.filters.severity ?? ''}
            onChange={(e) => void s.setFilters({ ...s.filters, severity: (e.target.value || undefined) as Severity | undefined })}
            data-testid="filter-severity"
          >
            <option value="">Any severity</option>
            {SEVERITIES.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
          <select
            aria-label="Status"
            value={s.filters.status ?? ''}
            onChange={(e) => void s.setFilters({ ...s.filters, status: (e.target.value || undefined) as RecommendationStatus | undefined })}
            data-testid="filter-status"
          >
            <option value="">Any status</option>
            <option value="open">open</option>
            <option value="accepted">accepted</option>
            <option value="dismissed">dismissed</option>
          </select>
          <span className="muted" data-testid="recommendation-counts">
            {SEVERITIES.filter((v) => counts[v] > 0)
              .map((v) => `${counts[v]} ${v}`)
              .join(' · ') || 'none'}
          </span>
        </div>
        {findings.length === 0 ? (
          <p className="muted" data-testid="recommendations-empty">
            {s.loaded ? 'No recommendations match. Run an agent, or change the filters.' : 'Loading…'}
          </p>
        ) : (
          <ul className="rec-list" data-testid="recommendations">
            {findings.map((r) => (
              <RecommendationCard
                key={r.recommendationId}
                rec={r}
                agentName={names[r.agent] ?? r.agent}
                onStatus={(status) => void s.setStatus(r.recommendationId, status)}
                onOpenEvidence={() => openInSqlEditor(r.evidenceSql)}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-label="Run history">
        <h2>Run history</h2>
        <RunHistory runs={s.runs} names={names} onCancel={(id) => void s.cancelRun(id)} />
      </section>
    </div>
  );
}
