import type { DecisionEvent } from '../events/decision-event.js';

export interface WouldBlockRow {
  route: string;
  control: string;
  rule: string;
  /** Exchanges this monitored rule would have refused. */
  wouldBlock: number;
  /** Exchanges the same rule refused where it is enforced (for comparison). */
  blocked: number;
  clients: number;
  firstSeen: string;
  lastSeen: string;
  examples: string[];
}

export interface WouldBlockReport {
  since?: string;
  events: number;
  rows: WouldBlockRow[];
}

/** What each monitored control would have blocked, per route and rule, from decision events. */
export function wouldBlockReport(events: Iterable<DecisionEvent>, since?: Date): WouldBlockReport {
  const rows = new Map<string, WouldBlockRow & { ips: Set<string> }>();
  let count = 0;
  for (const e of events) {
    if (since && new Date(e.time) < since) continue;
    count++;
    for (const r of e.reasons) {
      const route = e.route ?? '(unmatched)';
      const key = `${route}\u0000${r.control}\u0000${r.rule}`;
      let row = rows.get(key);
      if (!row) {
        row = { route, control: r.control, rule: r.rule, wouldBlock: 0, blocked: 0, clients: 0, firstSeen: e.time, lastSeen: e.time, examples: [], ips: new Set() };
        rows.set(key, row);
      }
      if (r.mode === 'monitor') row.wouldBlock++;
      else row.blocked++;
      row.ips.add(e.client_ip);
      if (e.time < row.firstSeen) row.firstSeen = e.time;
      if (e.time > row.lastSeen) row.lastSeen = e.time;
      if (r.mode === 'monitor' && row.examples.length < 3) row.examples.push(e.request_id);
    }
  }
  const out = [...rows.values()]
    .filter((r) => r.wouldBlock > 0)
    .map(({ ips, ...r }) => ({ ...r, clients: ips.size }))
    .sort((a, b) => b.wouldBlock - a.wouldBlock);
  return { since: since?.toISOString(), events: count, rows: out };
}
