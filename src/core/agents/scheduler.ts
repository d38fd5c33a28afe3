import { z } from 'zod';
import type { AgentId, AgentSchedule } from '../../shared/api';
import type { AgentService } from './agent-service';
import { readJsonChecked, writeJsonAtomic } from '../store/json-store';
import { DESCRIPTORS } from './registry';

/** The schedule file: one setting per agent; an interval under a minute is not a setting we wrote. */
const Setting = z.object({ enabled: z.boolean(), intervalMs: z.number().int().min(60_000) });
const SavedSchedule = z.record(z.string(), z.unknown());

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
    const saved = readJsonChecked(file, SavedSchedule, { keepDamaged: true });
    // No file yet (or an unreadable one): the platform's defaults apply.
    for (const [id, raw] of Object.entries(saved.state === 'ok' ? saved.value : {})) {
      const s = Setting.safeParse(raw);
      if (this.settings.has(id as AgentId) && s.success)
        this.settings.set(id as AgentId, { enabled: s.data.enabled, intervalMs: s.data.intervalMs });
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
    writeJsonAtomic(this.file, Object.fromEntries(this.settings), { indent: 2 });
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
