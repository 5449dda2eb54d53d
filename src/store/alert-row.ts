import type { Alert } from '../alerts/alert.js';
import { ipKey } from './ip-key.js';

// An alert as a row of the `alerts` table, the same in every store. Drivers may hand numbers back as strings
// (PostgreSQL's bigint), so reading converts.

export const ALERT_COLUMNS = [
  'id', 'type', 'severity', 'control', 'rule', 'message', 'parameter', 'evidence', 'actor_ip', 'ip_key', 'principal',
  'country', 'asn', 'route', 'action', 'request_ids', 'first_seen', 'last_seen', 'count', 'request',
] as const;

export type AlertRow = Record<(typeof ALERT_COLUMNS)[number], string | number | null>;

export function alertToRow(a: Alert): AlertRow {
  return {
    id: a.id,
    type: a.type,
    severity: a.severity,
    control: a.control,
    rule: a.rule,
    message: a.message,
    parameter: a.parameter ?? null,
    evidence: a.evidence ?? null,
    actor_ip: a.actor.ip,
    ip_key: ipKey(a.actor.ip) ?? null,
    principal: a.actor.principal ?? null,
    country: a.actor.country ?? null,
    asn: a.actor.asn ?? null,
    route: a.route ?? null,
    action: a.action,
    request_ids: JSON.stringify(a.requestIds),
    first_seen: a.firstSeen,
    last_seen: a.lastSeen,
    count: a.count,
    request: a.request ? JSON.stringify(a.request) : null,
  };
}

export function rowToAlert(r: AlertRow): Alert {
  const str = (v: string | number | null) => (v === null ? undefined : String(v));
  const parameter = str(r.parameter);
  const evidence = str(r.evidence);
  const principal = str(r.principal);
  const country = str(r.country);
  const route = str(r.route);
  const request = str(r.request);
  return {
    id: String(r.id),
    type: String(r.type),
    severity: r.severity as Alert['severity'],
    control: String(r.control),
    rule: String(r.rule),
    message: String(r.message),
    ...(parameter !== undefined ? { parameter } : {}),
    ...(evidence !== undefined ? { evidence } : {}),
    actor: {
      ip: String(r.actor_ip),
      ...(principal !== undefined ? { principal } : {}),
      ...(country !== undefined ? { country } : {}),
      ...(r.asn !== null ? { asn: Number(r.asn) } : {}),
    },
    ...(route !== undefined ? { route } : {}),
    action: r.action as Alert['action'],
    requestIds: JSON.parse(String(r.request_ids)) as string[],
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    count: Number(r.count),
    ...(request !== undefined ? { request: JSON.parse(request) as Alert['request'] } : {}),
  };
}
