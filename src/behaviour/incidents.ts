import type { Severity } from '../alerts/alert.js';
import { severityRank } from '../alerts/alert.js';
import type { BehaviourAlert } from './behaviour-alert.js';

// Incidents: alerts about the same actor cluster (sharing an address, a principal or a fingerprint) whose
// activity lies within `gapMs` of each other, grouped with one timeline.

export interface Incident {
  id: string;
  severity: Severity;
  firstSeen: number;
  lastSeen: number;
  types: string[];
  actor: { ips: string[]; principals: string[]; fingerprints: string[] };
  /** Indices into the alert list. */
  alerts: number[];
  timeline: { time: number; alert: number; type: string; summary: string }[];
  entries: number[];
}

/** Keys too common to tie alerts together (an endpoint-wide anomaly names hundreds of addresses). */
const MAX_KEYS_PER_ALERT = 50;

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[rb] = ra;
  }
}

function keysOf(a: BehaviourAlert): string[] {
  // an alert naming many addresses (an endpoint-wide anomaly, a distributed attack) ties by principal only
  const ips = a.actors.ips.length <= 20 ? a.actors.ips : [];
  const out = [...ips.map((v) => `ip:${v}`), ...a.actors.principals.map((v) => `p:${v}`)];
  // browser fingerprints are shared by many people; a fingerprint ties alerts only when the alert names few of each
  if (a.actors.fingerprints.length <= 3 && a.actors.ips.length > 1) out.push(...a.actors.fingerprints.map((v) => `fp:${v}`));
  return out.length > MAX_KEYS_PER_ALERT ? out.slice(0, MAX_KEYS_PER_ALERT) : out;
}

export function buildIncidents(alerts: readonly BehaviourAlert[], gapMs = 3_600_000): Incident[] {
  const uf = new UnionFind(alerts.length);
  const lastByKey = new Map<string, number>();
  const order = alerts.map((_, i) => i).sort((x, y) => alerts[x]!.firstSeen - alerts[y]!.firstSeen);
  for (const i of order) {
    const a = alerts[i]!;
    for (const k of keysOf(a)) {
      const j = lastByKey.get(k);
      if (j !== undefined && a.firstSeen - alerts[j]!.lastSeen <= gapMs) uf.union(j, i);
      if (j === undefined || alerts[j]!.lastSeen < a.lastSeen) lastByKey.set(k, i);
    }
  }
  const groups = new Map<number, number[]>();
  for (const i of order) {
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const out: Incident[] = [];
  for (const members of groups.values()) out.push(incidentOf(alerts, members, out.length + 1));
  return out.sort((a, b) => a.firstSeen - b.firstSeen);
}

function incidentOf(alerts: readonly BehaviourAlert[], members: number[], n: number): Incident {
  const ips = new Set<string>();
  const principals = new Set<string>();
  const fingerprints = new Set<string>();
  const entries = new Set<number>();
  let severity: Severity = 'low';
  let first = Infinity;
  let last = -Infinity;
  for (const i of members) {
    const a = alerts[i]!;
    for (const v of a.actors.ips) ips.add(v);
    for (const v of a.actors.principals) principals.add(v);
    for (const v of a.actors.fingerprints) fingerprints.add(v);
    for (const e of a.entries) entries.add(e);
    if (severityRank[a.severity] > severityRank[severity]) severity = a.severity;
    first = Math.min(first, a.firstSeen);
    last = Math.max(last, a.lastSeen);
  }
  return {
    id: `incident-${n}`,
    severity,
    firstSeen: first,
    lastSeen: last,
    types: [...new Set(members.map((i) => alerts[i]!.type))],
    actor: { ips: [...ips].slice(0, 200), principals: [...principals].slice(0, 200), fingerprints: [...fingerprints].slice(0, 50) },
    alerts: members,
    timeline: members.map((i) => ({ time: alerts[i]!.raisedAt, alert: i, type: alerts[i]!.type, summary: alerts[i]!.summary })).sort((a, b) => a.time - b.time),
    entries: [...entries].sort((a, b) => a - b).slice(0, 1000),
  };
}
