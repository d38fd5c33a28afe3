import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AgentId, AgentSchedule } from '../../shared/api';
import type { AgentService } from './agent-service';
import { DESCRIPTORS } from './registry';

interface Setting {
  enabled: boolean;
  intervalMs: number;
}

/**
 * Runs each agent on its interval while the app is open (core, so browser mode gets it too).
 * Settings are kept in a small JSON file in the user-data folder; a run that is still going
 * when its next turn comes is not started twice.
 */
export class AgentScheduler {
  private readonly settings = new Map<AgentId, Setting>();
  private readonly timers = new Map<AgentId, { timer: NodeJS.Timeout; at: number }>();
  private started = false;

  constructor(
    private readonly service: AgentService,
    private readonly file: string,
    private readonly onError: (agent: AgentId, error: unknown) => void = () => {},
  ) {
    for (const d of DESCRIPTORS) this.settings.set(d.id, { enabled: true, intervalMs: d.defaultIntervalMs });
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<AgentId, Setting>>;
      for (const [id, s] of Object.entries(saved)) {
        if (
          this.settings.has(id as AgentId) &&
          s &&
          typeof s.enabled === 'boolean' &&
          Number.isInteger(s.intervalMs) &&
          s.intervalMs >= 60_000
        ) {
          this.settings.set(id as AgentId, { enabled: s.enabled, intervalMs: s.intervalMs });
        }
      }
    } catch {
      // No file yet (or an unreadable one): the platform's defaults apply.
    }
  }

  start(): void {
    this.started = true;
    for (const id of this.settings.keys()) this.arm(id);
  }

  stop(): void {
    this.started = false;
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
  }

  get(agent: AgentId): AgentSchedule {
    const s = this.settings.get(agent)!;
    const t = this.timers.get(agent);
    return { enabled: s.enabled, intervalMs: s.intervalMs, nextRunAt: t ? new Date(t.at).toISOString() : null };
  }

  set(agent: AgentId, enabled: boolean, intervalMs: number): AgentSchedule {
    this.settings.set(agent, { enabled, intervalMs });
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(Object.fromEntries(this.settings), null, 2));
    this.arm(agent);
    return this.get(agent);
  }

  private arm(agent: AgentId): void {
    const existing = this.timers.get(agent);
    if (existing) clearTimeout(existing.timer);
    this.timers.delete(agent);
    const s = this.settings.get(agent)!;
    if (!this.started || !s.enabled) return;
    const timer = setTimeout(() => void this.fire(agent), s.intervalMs);
    timer.unref?.();
    this.timers.set(agent, { timer, at: Date.now() + s.intervalMs });
  }

  private async fire(agent: AgentId): Promise<void> {
    this.timers.delete(agent);
    try {
      if (!this.service.isRunning(agent)) await this.service.run(agent, { trigger: 'schedule' });
    } catch (error) {
      this.onError(agent, error);
    } finally {
      this.arm(agent);
    }
  }
}
