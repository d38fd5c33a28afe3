import type { EventPayload } from '../../../shared/api';

export type StartingEvent = EventPayload<'warehouse.starting'>;

/** Warehouses being waited for, by profile id: the latest wait replaces the previous one, `ready` removes it. */
export function applyStarting(waiting: Record<string, StartingEvent>, e: StartingEvent): Record<string, StartingEvent> {
  const { [e.profileId]: _previous, ...rest } = waiting;
  return e.state === 'ready' ? rest : { ...rest, [e.profileId]: e };
}

/** What the status bar says while a warehouse starts: its name and the time waited so far. */
export function startingLabel(e: StartingEvent): string {
  return `Warehouse “${e.profileName}” starting… (${e.waitedSeconds} s so far, up to ${e.budgetSeconds} s)`;
}
