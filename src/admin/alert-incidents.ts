import { severityRank, type Alert } from '../alerts/alert.js';

// Incidents from stored alerts: alerts about the same actor (a client address or a principal) whose time ranges lie
// within `gapMs` of each other form one incident. Its id comes from its first alert, so it is stable as alerts join.

export const INCIDENT_GAP_MS = 30 * 60_000;

export interface AlertIncident {
  id: string;
  /** In time order (first seen). */
  alerts: Alert[];
}

function root(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

function keys(a: Alert): string[] {
  return a.actor.principal ? [`ip:${a.actor.ip}`, `p:${a.actor.principal}`] : [`ip:${a.actor.ip}`];
}

export function groupIncidents(alerts: readonly Alert[], gapMs = INCIDENT_GAP_MS): AlertIncident[] {
  const sorted = [...alerts].sort((x, y) => x.firstSeen - y.firstSeen || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const parent = sorted.map((_, i) => i);
  // per actor key: the alert of that key reaching furthest in time so far
  const furthest = new Map<string, number>();
  sorted.forEach((a, i) => {
    for (const k of keys(a)) {
      const j = furthest.get(k);
      if (j !== undefined && a.firstSeen - sorted[j]!.lastSeen <= gapMs) parent[root(parent, i)] = root(parent, j);
      if (j === undefined || sorted[j]!.lastSeen < a.lastSeen) furthest.set(k, i);
    }
  });
  const groups = new Map<number, Alert[]>();
  sorted.forEach((a, i) => {
    const r = root(parent, i);
    const g = groups.get(r);
    if (g) g.push(a);
    else groups.set(r, [a]);
  });
  return [...groups.values()].map((g) => ({ id: `inc-${g[0]!.id}`, alerts: g }));
}

export function incidentSummary(inc: AlertIncident): { severity: Alert['severity']; types: string[]; ips: string[]; principals: string[]; firstSeen: number; lastSeen: number } {
  const uniq = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => x !== undefined))].sort();
  return {
    severity: inc.alerts.reduce((s, a) => (severityRank[a.severity] > severityRank[s] ? a.severity : s), inc.alerts[0]!.severity),
    types: uniq(inc.alerts.map((a) => a.type)),
    ips: uniq(inc.alerts.map((a) => a.actor.ip)),
    principals: uniq(inc.alerts.map((a) => a.actor.principal)),
    firstSeen: Math.min(...inc.alerts.map((a) => a.firstSeen)),
    lastSeen: Math.max(...inc.alerts.map((a) => a.lastSeen)),
  };
}
