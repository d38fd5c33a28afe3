import { AppError } from '../../shared/errors';
import { CATEGORIES } from './catalog';

/** What can go wrong on purpose, so alerts, dashboards and agents have something to find. */
export type IncidentKind = 'processor_outage' | 'fraud_attack' | 'latency_spike';

/**
 * One injected incident. The target is a processor (outage, latency spike; `all` for every
 * processor's latency) or a merchant segment (fraud attack). By default it runs up to the
 * newest event of the data set; `startsAgoMinutes` moves its start further back.
 */
export interface Incident {
  kind: IncidentKind;
  target: string;
  durationMinutes: number;
  startsAgoMinutes?: number;
}

export const INCIDENT_KINDS: readonly IncidentKind[] = ['processor_outage', 'fraud_attack', 'latency_spike'];
export const MAX_INCIDENTS = 3;

/** The option text: `kind:target:duration[@ago]`, e.g. `processor_outage:ProcessorB:45m` or `fraud_attack:Gaming:30m@2h`. */
export const INCIDENT_FORMAT = 'kind:target:duration[@starts-ago], e.g. processor_outage:ProcessorB:45m';

export function parseIncident(text: string): Incident {
  const [body = '', ago] = text.split('@');
  const parts = body.split(':');
  if (parts.length !== 3) throw new AppError('INVALID_INPUT', `The incident "${text}" is not ${INCIDENT_FORMAT}.`);
  const [kind, target, duration] = parts as [string, string, string];
  const incident: Incident = {
    kind: kind as IncidentKind,
    target,
    durationMinutes: parseMinutes(duration, text),
    ...(ago === undefined ? {} : { startsAgoMinutes: parseMinutes(ago, text) }),
  };
  validateIncident(incident);
  return incident;
}

/** Checks an incident from the API or the CLI; the message names the allowed values. */
export function validateIncident(incident: Incident): void {
  const where = `incident ${incident.kind}:${incident.target}`;
  if (!INCIDENT_KINDS.includes(incident.kind)) {
    throw new AppError('INVALID_INPUT', `Unknown incident kind "${incident.kind}"; use one of ${INCIDENT_KINDS.join(', ')}.`);
  }
  const targets = incidentTargets(incident.kind);
  if (!targets.includes(incident.target)) {
    throw new AppError('INVALID_INPUT', `${where}: the target must be one of ${targets.join(', ')}.`);
  }
  if (!(incident.durationMinutes > 0)) throw new AppError('INVALID_INPUT', `${where}: the duration must be positive.`);
  if (incident.startsAgoMinutes !== undefined && incident.startsAgoMinutes < incident.durationMinutes) {
    throw new AppError('INVALID_INPUT', `${where}: it cannot start less than its duration before the end.`);
  }
}

export function incidentTargets(kind: IncidentKind): readonly string[] {
  if (kind === 'fraud_attack') return CATEGORIES.segment_t;
  if (kind === 'latency_spike') return [...CATEGORIES.processor_t, 'all'];
  return CATEGORIES.processor_t;
}

/** The generator's scalar parameters for up to three incidents ($k1/$t1/$f1/$e1 …), in µs since the epoch. */
export function incidentParams(incidents: readonly Incident[], endUs: bigint): Record<string, number | bigint> {
  if (incidents.length > MAX_INCIDENTS) throw new AppError('INVALID_INPUT', `At most ${MAX_INCIDENTS} incidents per run.`);
  const params: Record<string, number | bigint> = {};
  for (let i = 0; i < MAX_INCIDENTS; i++) {
    const inc = incidents[i];
    const slot = i + 1;
    if (!inc) {
      Object.assign(params, { [`k${slot}`]: 0, [`t${slot}`]: 0, [`f${slot}`]: 0n, [`e${slot}`]: 0n });
      continue;
    }
    const from = endUs - BigInt(Math.round((inc.startsAgoMinutes ?? inc.durationMinutes) * 60e6));
    params[`k${slot}`] = INCIDENT_KINDS.indexOf(inc.kind) + 1;
    params[`t${slot}`] = inc.target === 'all' ? -1 : incidentTargets(inc.kind).indexOf(inc.target);
    params[`f${slot}`] = from;
    params[`e${slot}`] = from + BigInt(Math.round(inc.durationMinutes * 60e6));
  }
  return params;
}

function parseMinutes(text: string, whole: string): number {
  const m = /^(\d+(?:\.\d+)?)(m|h|d)$/u.exec(text.trim());
  if (!m) throw new AppError('INVALID_INPUT', `The incident "${whole}": "${text}" is not a duration like 45m, 2h or 1d.`);
  const value = Number(m[1]);
  return m[2] === 'd' ? value * 1440 : m[2] === 'h' ? value * 60 : value;
}
