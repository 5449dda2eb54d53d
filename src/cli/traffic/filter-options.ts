import { UsageError } from '../command.js';
import type { Action } from '../../exchange/exchange.js';
import type { TrafficFilter } from '../../store/store.js';
import { parseCidr } from '../../net/cidr.js';

// Command-line filters of the traffic queries (`vigil traffic`, `timeline`, `stats`), validated here once.

export const filterOptions = {
  ip: { type: 'string' },
  principal: { type: 'string' },
  route: { type: 'string' },
  status: { type: 'string' },
  decision: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  text: { type: 'string' },
} as const;

export interface FilterValues {
  ip?: string;
  principal?: string;
  route?: string;
  status?: string;
  decision?: string;
  since?: string;
  until?: string;
  text?: string;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `15m`, `2h`, `7d` ago, or an ISO date/time. */
export function parseTime(text: string, option: string, now = Date.now()): number {
  const rel = /^(\d+)([smhdw])$/.exec(text);
  if (rel) return now - Number(rel[1]) * UNITS[rel[2]!]!;
  const t = Date.parse(text);
  if (!Number.isFinite(t)) throw new UsageError(`${option} "${text}" is neither a duration (15m, 2h, 7d) nor a date`);
  return t;
}

/** `404`, `5xx`, `400-499`. */
export function parseStatus(text: string): number | [number, number] {
  if (/^[1-5]\d\d$/.test(text)) return Number(text);
  const cls = /^([1-5])xx$/i.exec(text);
  if (cls) return [Number(cls[1]) * 100, Number(cls[1]) * 100 + 99];
  const range = /^([1-5]\d\d)-([1-5]\d\d)$/.exec(text);
  if (range) return [Number(range[1]), Number(range[2])];
  throw new UsageError(`--status "${text}" is not a status, a class (5xx) or a range (400-499)`);
}

const DECISIONS: Action[] = ['allow', 'block', 'would-block'];

export function filterFrom(v: FilterValues, now = Date.now()): TrafficFilter {
  const f: TrafficFilter = {};
  if (v.ip !== undefined) {
    if (!parseCidr(v.ip)) throw new UsageError(`--ip "${v.ip}" is not an IP address or CIDR`);
    f.ip = v.ip;
  }
  if (v.principal !== undefined) f.principal = v.principal;
  if (v.route !== undefined) f.route = v.route;
  if (v.status !== undefined) f.status = parseStatus(v.status);
  if (v.decision !== undefined) {
    if (!DECISIONS.includes(v.decision as Action)) throw new UsageError(`--decision must be one of ${DECISIONS.join(', ')}`);
    f.decision = v.decision as Action;
  }
  if (v.since !== undefined) f.since = parseTime(v.since, '--since', now);
  if (v.until !== undefined) f.until = parseTime(v.until, '--until', now);
  if (v.text !== undefined) f.text = v.text;
  return f;
}
