import type { Alert } from '../alerts/alert.js';
import type { ExchangeRecord } from '../store/record.js';
import type { TrafficStore } from '../store/store.js';
import type { AdminRoute } from './admin-server.js';
import type { IncidentDetail, IncidentList, IncidentView } from './api-types.js';
import type { AlertTriage } from './alert-triage.js';
import { groupIncidents, incidentSummary, type AlertIncident } from './alert-incidents.js';
import { badRequest, notFound } from './http-error.js';
import { onlyParams, timeParam } from './params.js';
import { parseCidr } from '../net/cidr.js';
import { alertView, exchangeSummary } from './views.js';

/** Incidents are grouped from the alerts of this period, whatever the filter, so that an incident keeps its id. */
const LOOKBACK_MS = 30 * 86_400_000;
/** The actor's exchanges shown around an incident: this much before its first and after its last alert. */
const MARGIN_MS = 5 * 60_000;
const TIMELINE_LIMIT = 500;

/** Incidents (alerts of one actor close in time) and their detail with the actor's exchanges (viewer). */
export function incidentsRoutes(store: TrafficStore, triage: AlertTriage): AdminRoute[] {
  const incidents = async (): Promise<AlertIncident[]> => groupIncidents(await store.findAlerts({ since: Date.now() - LOOKBACK_MS, limit: 100_000 }));
  const view = (inc: AlertIncident): IncidentView => {
    const s = incidentSummary(inc);
    return {
      id: inc.id,
      severity: s.severity,
      types: s.types,
      actor: { ips: s.ips, principals: s.principals },
      firstSeen: s.firstSeen,
      lastSeen: s.lastSeen,
      alertIds: inc.alerts.map((a) => a.id),
      status: inc.alerts.every((a) => triage.get(a.id).status === 'resolved') ? 'resolved' : 'open',
    };
  };
  return [
    {
      method: 'GET',
      path: '/api/incidents',
      role: 'viewer',
      async handle({ url }) {
        const q = url.searchParams;
        onlyParams(q, ['since', 'until', 'ip', 'principal']);
        const ip = q.get('ip') || undefined;
        if (ip !== undefined && !parseCidr(ip)) throw badRequest(`ip "${ip}" is not an IP address or CIDR`);
        const since = timeParam(q, 'since') ?? Date.now() - 86_400_000;
        const until = timeParam(q, 'until');
        const principal = q.get('principal') || undefined;
        // the alerts matching the filter (the store resolves CIDRs) pick the incidents that hold them
        const matching = new Set((await store.findAlerts({ since, until, ip, principal, limit: 100_000 })).map((a: Alert) => a.id));
        const items = (await incidents())
          .filter((inc) => inc.alerts.some((a) => matching.has(a.id)))
          .map(view)
          .sort((a, b) => b.lastSeen - a.lastSeen);
        const out: IncidentList = { items };
        return [200, out];
      },
    },
    {
      method: 'GET',
      path: '/api/incidents/:id',
      role: 'viewer',
      async handle({ params }) {
        const inc = (await incidents()).find((i) => i.id === params.id);
        if (!inc) throw notFound(`no incident ${params.id!}`);
        const v = view(inc);
        const window = { since: v.firstSeen - MARGIN_MS, until: v.lastSeen + MARGIN_MS };
        const found = await Promise.all([
          ...v.actor.ips.map((ip) => store.find({ ...window, ip }, { limit: TIMELINE_LIMIT, order: 'asc' })),
          ...v.actor.principals.map((principal) => store.find({ ...window, principal }, { limit: TIMELINE_LIMIT, order: 'asc' })),
        ]);
        const byId = new Map<string, ExchangeRecord>();
        for (const r of found.flat()) byId.set(r.id, r);
        const evidence = new Set(inc.alerts.flatMap((a) => a.requestIds));
        const out: IncidentDetail = {
          ...v,
          alerts: inc.alerts.map((a) => alertView(a, triage.get(a.id))),
          timeline: [...byId.values()]
            .sort((a, b) => a.time - b.time)
            .slice(0, TIMELINE_LIMIT)
            .map((r) => ({ exchange: exchangeSummary(r), evidence: evidence.has(r.id) })),
        };
        return [200, out];
      },
    },
  ];
}
