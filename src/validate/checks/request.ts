import type { ValidateContext } from '../model/context.js';
import { operationOf, type RouteTarget } from '../model/targets.js';
import type { Probe, ProbeReply } from '../net/prober.js';
import type { Outcome } from '../types.js';

export const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/** Whether the policy (enforced) or the spec says this route needs a credential. */
export function needsAuth(t: RouteTarget, method: string): boolean {
  const a = t.settings.auth;
  if (t.fromPolicy) return a !== undefined && a !== 'none';
  return (operationOf(t, method)?.credentials.length ?? 0) > 0;
}

/** A benign request to the route, with the first identity's credential when the route needs one. */
export function baseProbe(ctx: ValidateContext, t: RouteTarget, method: string, withCredential = true): Probe {
  const op = operationOf(t, method);
  const p: Probe = { method, path: t.path, headers: {} };
  if (WRITES.has(method)) p.body = JSON.stringify(op?.body ?? {});
  const first = ctx.identities.values().next().value;
  if (withCredential && first && needsAuth(t, method)) p.headers = { ...first.headers };
  return p;
}

export const refused = (r: ProbeReply): boolean => r.status === 401 || r.status === 403;
/** Refused by something in front of (or in) the API: any 4xx but not found, method not allowed or too many requests. */
export const blocked = (r: ProbeReply): boolean => r.status >= 400 && r.status < 500 && ![404, 405, 429].includes(r.status);
export const ok = (r: ProbeReply): boolean => r.status >= 200 && r.status < 300;

export function outcome(pass: boolean, observed: string, evidence: string[]): Outcome {
  return { status: pass ? 'pass' : 'fail', observed, evidence };
}

export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'root';
}
