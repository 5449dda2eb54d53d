import type { Severity } from '../alerts/alert.js';
import type { TrafficStore } from '../store/store.js';
import type { AdminRoute } from './admin-server.js';
import type { CountRow, Overview, OverviewBucket } from './api-types.js';
import { badRequest } from './http-error.js';
import { intParam, onlyParams, timeParam } from './params.js';

const TOP = 8;
/** Attacked exchanges read to count countries (the store's stats do not group by country). */
const COUNTRY_SAMPLE = 5000;

function emptyBucket(time: number): OverviewBucket {
  return { time, requests: 0, blocked: 0, wouldBlock: 0, alerts: { low: 0, medium: 0, high: 0, critical: 0 } };
}

function merge(a: CountRow[], b: CountRow[]): CountRow[] {
  const m = new Map<string, number>();
  for (const r of [...a, ...b]) m.set(r.key, (m.get(r.key) ?? 0) + r.count);
  return [...m].map(([key, count]) => ({ key, count })).sort((x, y) => y.count - x.count).slice(0, TOP);
}

/** The overview, computed from the store: counts per time bucket by decision and alert severity, and the top lists. */
export async function overview(store: TrafficStore, since: number, until: number, buckets: number): Promise<Overview> {
  const bucketMs = Math.max(1000, Math.ceil((until - since) / buckets / 1000) * 1000);
  const start = until - bucketMs * buckets;
  const series: OverviewBucket[] = [];
  for (let i = 0; i < buckets; i++) series.push(emptyBucket(start + i * bucketMs));
  await Promise.all(
    series.map(async (b) => {
      const w = { since: b.time, until: b.time + bucketMs };
      [b.requests, b.blocked, b.wouldBlock] = await Promise.all([store.count(w), store.count({ ...w, decision: 'block' }), store.count({ ...w, decision: 'would-block' })]);
    }),
  );
  const alerts = await store.findAlerts({ since: start, until, limit: 100_000 });
  for (const a of alerts) {
    const i = Math.floor((a.lastSeen - start) / bucketMs);
    const b = series[Math.min(Math.max(i, 0), buckets - 1)]!;
    b.alerts[a.severity as Severity]++;
  }
  const window = { since: start, until };
  const [blocked, monitored] = await Promise.all([store.stats({ ...window, decision: 'block' }, TOP), store.stats({ ...window, decision: 'would-block' }, TOP)]);
  const attacked = [
    ...(await store.find({ ...window, decision: 'block' }, { limit: COUNTRY_SAMPLE, order: 'desc' })),
    ...(await store.find({ ...window, decision: 'would-block' }, { limit: COUNTRY_SAMPLE, order: 'desc' })),
  ];
  const countries = new Map<string, number>();
  for (const r of attacked) countries.set(r.country ?? '??', (countries.get(r.country ?? '??') ?? 0) + 1);
  const sum = (k: 'requests' | 'blocked' | 'wouldBlock') => series.reduce((n, b) => n + b[k], 0);
  return {
    since: start,
    until,
    bucketMs,
    totals: { requests: sum('requests'), blocked: sum('blocked'), wouldBlock: sum('wouldBlock'), alerts: alerts.length },
    series,
    topAttackedRoutes: merge(blocked.topRoutes, monitored.topRoutes),
    topActors: merge(blocked.topClients, monitored.topClients),
    byCountry: [...countries].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count).slice(0, TOP),
  };
}

/** GET /api/overview?since=1h&buckets=30 (viewer). */
export function overviewRoutes(store: TrafficStore): AdminRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/overview',
      role: 'viewer',
      async handle({ url }) {
        const q = url.searchParams;
        onlyParams(q, ['since', 'until', 'buckets']);
        const now = Date.now();
        const since = timeParam(q, 'since', now) ?? now - 3_600_000;
        const until = timeParam(q, 'until', now) ?? now;
        if (since >= until) throw badRequest('since must be before until');
        return [200, await overview(store, since, until, intParam(q, 'buckets', 30, 1, 120))];
      },
    },
  ];
}
