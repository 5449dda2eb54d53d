import type { TrafficStore } from '../store/store.js';
import { actorTimeline } from '../store/timeline.js';
import { toHar } from '../store/export/har-export.js';
import type { AdminRoute } from './admin-server.js';
import type { Timeline, TrafficPage } from './api-types.js';
import type { AlertTriage } from './alert-triage.js';
import { badRequest, notFound } from './http-error.js';
import { intParam, onlyParams, timeParam, trafficFilter } from './params.js';
import { exchangeById } from './exchange-lookup.js';
import { alertView, exchangeDetail, exchangeSummary } from './views.js';

/** Traffic search, one exchange's detail, HAR export and an actor's timeline, all read from the store (viewer). */
export function trafficRoutes(store: TrafficStore, triage: AlertTriage): AdminRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/traffic',
      role: 'viewer',
      async handle({ url }) {
        const q = url.searchParams;
        onlyParams(q, ['limit', 'order'], true);
        const filter = trafficFilter(q);
        const order = q.get('order') ?? 'desc';
        if (order !== 'asc' && order !== 'desc') throw badRequest('order must be asc or desc');
        const limit = intParam(q, 'limit', 100, 1, 1000);
        const [records, counted] = await Promise.all([store.find(filter, { limit, order }), store.count(filter)]);
        // the two reads can see different moments of a store being written to: a page that is not cut by the limit
        // holds every match of its own moment, so its length is the total it shows ("14 matching" over 5 rows was)
        const total = records.length < limit ? records.length : Math.max(counted, records.length);
        const page: TrafficPage = { items: records.map(exchangeSummary), total };
        return [200, page];
      },
    },
    {
      method: 'GET',
      path: '/api/traffic/export.har',
      role: 'viewer',
      async handle({ url }) {
        const q = url.searchParams;
        onlyParams(q, ['limit'], true);
        const records = await store.find(trafficFilter(q), { limit: intParam(q, 'limit', 500, 1, 5000), order: 'asc' });
        return [200, toHar(records)];
      },
    },
    {
      method: 'GET',
      path: '/api/traffic/:id',
      role: 'viewer',
      async handle({ url, params }) {
        onlyParams(url.searchParams, ['time']);
        const id = params.id!;
        if (id.length > 128) throw badRequest('id is too long');
        const record = await exchangeById(store, id, timeParam(url.searchParams, 'time'));
        if (!record) throw notFound(`no recorded exchange ${id}`);
        return [200, exchangeDetail(record)];
      },
    },
    {
      method: 'GET',
      path: '/api/timeline',
      role: 'viewer',
      async handle({ url }) {
        const q = url.searchParams;
        onlyParams(q, ['ip', 'principal', 'since', 'until', 'limit']);
        const f = trafficFilter(q);
        if (f.ip === undefined && f.principal === undefined) throw badRequest('give ip or principal');
        const entries = await actorTimeline(store, { ip: f.ip, principal: f.principal, since: f.since, until: f.until }, intParam(q, 'limit', 500, 1, 5000));
        const out: Timeline = {
          actor: { ip: f.ip, principal: f.principal },
          items: entries.map((e) =>
            e.kind === 'exchange'
              ? { kind: 'exchange' as const, time: e.time, exchange: exchangeSummary(e.exchange) }
              : { kind: 'alert' as const, time: e.time, alert: alertView(e.alert, triage.get(e.alert.id)) },
          ),
        };
        return [200, out];
      },
    },
  ];
}
