import type { Action } from '../exchange/exchange.js';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const severityRank: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

/** The request an alert was last seen on, redacted: enough for an HTTP Activity event. */
export interface AlertRequest {
  id: string;
  method: string;
  host: string;
  path: string;
  /** Redacted query string. */
  query: string;
  status?: number;
  userAgent?: string;
  scheme: 'http' | 'https';
}

/**
 * One security alert: occurrences of the same (type, rule, actor, route) within the dedup window update it
 * (count, last seen, evidence request ids) instead of raising another.
 */
export interface Alert {
  id: string;
  /** Attack or control class: sqli, xss, auth, ratelimit, ip, geo, schema, limits, protocol, recorder... */
  type: string;
  severity: Severity;
  /** The control that raised it (detect.sqli, auth.jwt, ...). */
  control: string;
  rule: string;
  message: string;
  /** Where in the request: query:id, header:authorization, body:/user/name. */
  parameter?: string;
  /** The matched evidence, redacted. */
  evidence?: string;
  actor: { ip: string; principal?: string; country?: string; asn?: number };
  route?: string;
  action: Action;
  /** Request ids of the occurrences (the first ones, up to a bound). */
  requestIds: string[];
  firstSeen: number;
  lastSeen: number;
  count: number;
  request?: AlertRequest;
}

export const MAX_EVIDENCE_IDS = 20;
