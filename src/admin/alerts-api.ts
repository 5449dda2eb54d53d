import type { Alert, Severity } from '../alerts/alert.js';
import type { TrafficStore } from '../store/store.js';
import type { AdminRoute } from './admin-server.js';
import type { AlertList, AlertStatus, AlertView } from './api-types.js';
import type { AlertTriage } from './alert-triage.js';
import type { AuditLog } from './audit-log.js';
import { badRequest, notFound } from './http-error.js';
import { intParam, onlyParams, timeParam } from './params.js';
import { parseCidr } from '../net/cidr.js';
import { alertView } from './views.js';

const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'resolved'];
/** How far back an alert is looked for by id. */
const LOOKBACK_MS = 30 * 86_400_000;

async function alertById(store: TrafficStore, id: string): Promise<Alert> {
  const all = await store.findAlerts({ since: Date.now() - LOOKBACK_MS, limit: 100_000 });
  const a = all.find((x) => x.id === id);
  if (!a) throw notFound(`no alert ${id}`);
  return a;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('expected a JSON object');
  return body as Record<string, unknown>;
}

/** Alerts from the store with their triage: list and detail (viewer); acknowledge, resolve, reopen and notes (admin, audited). */
export function alertsRoutes(store: TrafficStore, triage: AlertTriage, audit: AuditLog): AdminRoute[] {
  const view = (a: Alert): AlertView => alertView(a, triage.get(a.id));
  const setStatus = (suffix: string, status: AlertStatus): AdminRoute => ({
    method: 'POST',
    path: `/api/alerts/:id/${suffix}`,
    role: 'admin',
    async handle({ caller, params }) {
      const a = await alertById(store, params.id!);
      triage.setStatus(a.id, status);
      audit.record(caller, `alerts.${suffix}`, `alert:${a.id}`, { rule: `${a.control} ${a.rule}`, actor: a.actor.ip });
      return [200, view(a)];
    },
  });
  return [
    {
      method: 'GET',
      path: '/api/alerts',
      role: 'viewer',
      async handle({ url }) {
        const q = url.searchParams;
        onlyParams(q, ['since', 'until', 'ip', 'principal', 'severity', 'status', 'limit']);
        const ip = q.get('ip') || undefined;
        if (ip !== undefined && !parseCidr(ip)) throw badRequest(`ip "${ip}" is not an IP address or CIDR`);
        const severity = q.get('severity') || undefined;
        if (severity !== undefined && !SEVERITIES.includes(severity as Severity)) throw badRequest(`severity must be one of ${SEVERITIES.join(', ')}`);
        const status = q.get('status') || undefined;
        if (status !== undefined && !STATUSES.includes(status as AlertStatus)) throw badRequest(`status must be one of ${STATUSES.join(', ')}`);
        const limit = intParam(q, 'limit', 200, 1, 1000);
        const found = await store.findAlerts({
          since: timeParam(q, 'since') ?? Date.now() - 86_400_000,
          until: timeParam(q, 'until'),
          ip,
          principal: q.get('principal') || undefined,
          limit: 100_000,
        });
        const items = found
          .map(view)
          .filter((a) => (severity === undefined || a.severity === severity) && (status === undefined || a.status === status))
          .sort((a, b) => b.lastSeen - a.lastSeen)
          .slice(0, limit);
        const out: AlertList = { items };
        return [200, out];
      },
    },
    {
      method: 'GET',
      path: '/api/alerts/:id',
      role: 'viewer',
      async handle({ params }) {
        return [200, view(await alertById(store, params.id!))];
      },
    },
    setStatus('ack', 'acknowledged'),
    setStatus('resolve', 'resolved'),
    setStatus('reopen', 'open'),
    {
      method: 'POST',
      path: '/api/alerts/:id/notes',
      role: 'admin',
      async handle({ caller, params, body }) {
        const o = objectBody(body);
        if (typeof o.text !== 'string' || o.text.trim() === '' || o.text.length > 2000) throw badRequest('text must be a non-empty string of at most 2000 characters');
        const a = await alertById(store, params.id!);
        triage.addNote(a.id, { time: Date.now(), who: caller.name, text: o.text.trim() });
        audit.record(caller, 'alerts.note', `alert:${a.id}`, { length: o.text.length });
        return [201, view(a)];
      },
    },
  ];
}
