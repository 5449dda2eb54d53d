import type { Action } from '../exchange/exchange.js';
import type { TrafficFilter } from '../store/store.js';
import { parseCidr } from '../net/cidr.js';
import { parseStatus, parseTime } from '../cli/traffic/filter-options.js';
import { badRequest } from './http-error.js';

// Query parameters of the admin API, validated at the edge: every problem is a 400 naming the parameter.

const DECISIONS: readonly Action[] = ['allow', 'block', 'would-block'];
const KNOWN_FILTERS = new Set(['ip', 'principal', 'route', 'status', 'decision', 'since', 'until', 'text']);

function str(q: URLSearchParams, name: string, max = 512): string | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (v.length > max) throw badRequest(`${name} is longer than ${max} characters`);
  return v;
}

/** `15m`, `2h`, `7d` ago, an ISO date, or epoch milliseconds. */
export function timeParam(q: URLSearchParams, name: string, now = Date.now()): number | undefined {
  const v = str(q, name, 64);
  if (v === undefined) return undefined;
  if (/^\d{12,14}$/.test(v)) return Number(v);
  try {
    return parseTime(v, name, now);
  } catch {
    throw badRequest(`${name} "${v}" is neither a duration (15m, 2h, 7d), a date nor epoch milliseconds`);
  }
}

export function intParam(q: URLSearchParams, name: string, dflt: number, min: number, max: number): number {
  const v = str(q, name, 16);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw badRequest(`${name} must be a whole number from ${min} to ${max}`);
  return Number(v);
}

/** The traffic filter of a query string: ip (address or CIDR), principal, route, status (404, 5xx, 400-499), decision, since, until, text. */
export function trafficFilter(q: URLSearchParams, now = Date.now()): TrafficFilter {
  const f: TrafficFilter = {};
  const ip = str(q, 'ip', 64);
  if (ip !== undefined) {
    if (!parseCidr(ip)) throw badRequest(`ip "${ip}" is not an IP address or CIDR`);
    f.ip = ip;
  }
  const principal = str(q, 'principal', 256);
  if (principal !== undefined) f.principal = principal;
  const route = str(q, 'route', 256);
  if (route !== undefined) f.route = route;
  const status = str(q, 'status', 16);
  if (status !== undefined) {
    try {
      f.status = parseStatus(status);
    } catch {
      throw badRequest(`status "${status}" is not a status (404), a class (5xx) or a range (400-499)`);
    }
  }
  const decision = str(q, 'decision', 16);
  if (decision !== undefined) {
    if (!DECISIONS.includes(decision as Action)) throw badRequest(`decision must be one of ${DECISIONS.join(', ')}`);
    f.decision = decision as Action;
  }
  const since = timeParam(q, 'since', now);
  if (since !== undefined) f.since = since;
  const until = timeParam(q, 'until', now);
  if (until !== undefined) f.until = until;
  const text = str(q, 'text', 256);
  if (text !== undefined) f.text = text;
  return f;
}

/** Refuses parameters a route does not know, so that a typo is not silently ignored. */
export function onlyParams(q: URLSearchParams, allowed: readonly string[], withFilters = false): void {
  for (const name of q.keys()) {
    if (allowed.includes(name) || (withFilters && KNOWN_FILTERS.has(name))) continue;
    throw badRequest(`unknown query parameter "${name}"`);
  }
}
