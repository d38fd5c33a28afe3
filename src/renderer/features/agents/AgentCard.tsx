import type { AgentInfo } from '../../../shared/api';
import { formatDuration, formatWhen, INTERVAL_CHOICES, intervalLabel, STATUS_LABEL } from './agents-view';

interface Props {
  agent: AgentInfo;
  running: boolean;
  onRun(): void;
  onCancel(): void;
  onSchedule(enabled: boolean, intervalMs: number): void;
}

/** One agent in the gallery: what it looks at, run now or cancel, its schedule and last run. */
export function AgentCard({ agent, running, onRun, onCancel, onSchedule }: Props) {
  const last = agent.lastRun;
  const choices = INTERVAL_CHOICES.some((c) => c.ms === agent.schedule.intervalMs)
    ? INTERVAL_CHOICES
    : [...INTERVAL_CHOICES, { label: intervalLabel(agent.schedule.intervalMs), ms: agent.schedule.intervalMs }];
  return (
    <article className={`agent-card${agent.id === 'orchestrator' ? ' orchestrator' : ''}`} data-testid={`agent-card-${agent.id}`}>
      <header>
        <h3>{agent.name}</h3>
        {running ? (
          <button onClick={onCancel} data-testid={`agent-cancel-${agent.id}`}>
            Cancel
          </button>
        ) : (
          <button className="primary" onClick={onRun} data-testid={`agent-run-${agent.id}`}>
            Run now
          </button>
        )}
      </header>
      <p className="agent-looks-at">{agent.looksAt}</p>
      <p className="muted agent-sources">
        Reads {agent.sources.join(', ')} · same numbers as {agent.relatedViews.join(', ')}
      </p>
      <label className="agent-schedule" title="Scheduled runs happen while the app (or medallion serve) is open">
        <input
          type="checkbox"
          checked={agent.schedule.enabled}
          onChange={(e) => onSchedule(e.target.checked, agent.schedule.intervalMs)}
          data-testid={`agent-schedule-enabled-${agent.id}`}
        />
        Run
        <select
          value={agent.schedule.intervalMs}
          onChange={(e) => onSchedule(agent.schedule.enabled, Number(e.target.value))}
          aria-label={`${agent.name} schedule`}
          data-testid={`agent-schedule-${agent.id}`}
        >
          {choices.map((c) => (
            <option key={c.ms} value={c.ms}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted agent-next">
        {agent.schedule.enabled && agent.schedule.nextRunAt ? `Next run ${formatWhen(agent.schedule.nextRunAt)}` : 'Not scheduled'}
      </p>
      <p className="agent-last" data-testid={`agent-last-${agent.id}`}>
        {running ? (
          <span className="status running">Running…</span>
        ) : last ? (
          <>
            <span className={`status ${last.status}`}>{STATUS_LABEL[last.status]}</span> {formatWhen(last.startedAt)} ·{' '}
            {formatDuration(last.durationMs)} · {last.findings} finding{last.findings === 1 ? '' : 's'}
          </>
        ) : (
          <span className="muted">Never run</span>
        )}
      </p>
      {!running && last?.message && last.status !== 'succeeded' && <p className="agent-message">{last.message}</p>}
    </article>
  );
}
