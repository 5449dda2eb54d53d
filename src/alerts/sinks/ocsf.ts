import type { Alert, Severity } from '../alert.js';
import { PRODUCT_VERSION } from './cef.js';

// Open Cybersecurity Schema Framework 1.1: each alert is a Detection Finding (class 2004), followed by the HTTP
// Activity (class 4002) of the request it was last seen on.

const OCSF_VERSION = '1.1.0';
const SEVERITY_ID: Record<Severity, number> = { low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<Severity, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
const HTTP_ACTIVITY: Record<string, number> = { CONNECT: 1, DELETE: 2, GET: 3, HEAD: 4, OPTIONS: 5, POST: 6, PUT: 7, TRACE: 8 };

const metadata = () => ({ version: OCSF_VERSION, product: { name: 'Vigil', vendor_name: 'Vigil', version: PRODUCT_VERSION } });

function httpRequest(a: Alert): Record<string, unknown> | undefined {
  const r = a.request;
  if (!r) return undefined;
  return {
    uid: r.id,
    http_method: r.method,
    url: { hostname: r.host, path: r.path, query_string: r.query || undefined, scheme: r.scheme, url_string: `${r.scheme}://${r.host}${r.path}${r.query ? `?${r.query}` : ''}` },
    ...(r.userAgent ? { user_agent: r.userAgent } : {}),
  };
}

/** action_id 2 Denied / 1 Allowed; disposition_id 2 Blocked / 15 Detected. */
function outcome(a: Alert): { action_id: number; action: string; disposition_id: number; disposition: string } {
  return a.action === 'block'
    ? { action_id: 2, action: 'Denied', disposition_id: 2, disposition: 'Blocked' }
    : { action_id: 1, action: 'Allowed', disposition_id: 15, disposition: 'Detected' };
}

export function toOcsfDetectionFinding(a: Alert, update: boolean): Record<string, unknown> {
  const activity = update ? 2 : 1;
  return {
    class_uid: 2004,
    class_name: 'Detection Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: activity,
    activity_name: update ? 'Update' : 'Create',
    type_uid: 2004 * 100 + activity,
    time: a.lastSeen,
    severity_id: SEVERITY_ID[a.severity],
    severity: SEVERITY_NAME[a.severity],
    status_id: 1,
    status: 'New',
    message: a.message,
    count: a.count,
    ...outcome(a),
    metadata: metadata(),
    finding_info: {
      uid: a.id,
      title: a.message,
      types: [a.type],
      first_seen_time: a.firstSeen,
      last_seen_time: a.lastSeen,
      analytic: { uid: a.rule, name: a.rule, type_id: 1, type: 'Rule', category: a.control },
      related_events: a.requestIds.map((uid) => ({ uid })),
    },
    evidences: [
      {
        src_endpoint: { ip: a.actor.ip, ...(a.actor.country ? { location: { country: a.actor.country } } : {}), ...(a.actor.asn !== undefined ? { autonomous_system: { number: a.actor.asn } } : {}) },
        ...(a.actor.principal ? { actor: { user: { uid: a.actor.principal } } } : {}),
        ...(httpRequest(a) ? { http_request: httpRequest(a) } : {}),
        ...(a.request?.status !== undefined ? { http_response: { code: a.request.status } } : {}),
        data: { route: a.route, parameter: a.parameter, evidence: a.evidence },
      },
    ],
  };
}

export function toOcsfHttpActivity(a: Alert): Record<string, unknown> | undefined {
  const req = httpRequest(a);
  if (!req || !a.request) return undefined;
  const activity = HTTP_ACTIVITY[a.request.method] ?? 99;
  return {
    class_uid: 4002,
    class_name: 'HTTP Activity',
    category_uid: 4,
    category_name: 'Network Activity',
    activity_id: activity,
    type_uid: 4002 * 100 + activity,
    time: a.lastSeen,
    severity_id: SEVERITY_ID[a.severity],
    severity: SEVERITY_NAME[a.severity],
    ...outcome(a),
    metadata: { ...metadata(), correlation_uid: a.id },
    http_request: req,
    ...(a.request.status !== undefined ? { http_response: { code: a.request.status } } : {}),
    src_endpoint: { ip: a.actor.ip },
    ...(a.actor.principal ? { actor: { user: { uid: a.actor.principal } } } : {}),
  };
}

/** The OCSF events of an alert: the finding, then the HTTP activity when the alert has a request. */
export function toOcsf(a: Alert, update: boolean): Record<string, unknown>[] {
  const http = toOcsfHttpActivity(a);
  return http ? [toOcsfDetectionFinding(a, update), http] : [toOcsfDetectionFinding(a, update)];
}
