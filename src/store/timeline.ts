import type { Alert } from '../alerts/alert.js';
import type { ExchangeRecord } from './record.js';
import type { TrafficFilter, TrafficStore } from './store.js';

export type TimelineEntry = { kind: 'exchange'; time: number; exchange: ExchangeRecord } | { kind: 'alert'; time: number; alert: Alert };

/** One actor's activity (an address or network, or a principal) in time order, with its alerts inline. */
export async function actorTimeline(store: TrafficStore, filter: TrafficFilter, limit: number): Promise<TimelineEntry[]> {
  const exchanges = await store.find(filter, { limit, order: 'asc' });
  const alerts = await store.findAlerts({ ip: filter.ip, principal: filter.principal, since: filter.since, until: filter.until, limit });
  const entries: TimelineEntry[] = [
    ...exchanges.map((e) => ({ kind: 'exchange' as const, time: e.time, exchange: e })),
    ...alerts.map((a) => ({ kind: 'alert' as const, time: a.firstSeen, alert: a })),
  ];
  // an alert sorts right after the exchange that raised it
  return entries.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'exchange' ? -1 : 1));
}
