import type { Alert } from '../alerts/alert.js';
import { MAX_EVIDENCE_IDS } from '../alerts/alert.js';
import type { Evidence } from './evidence.js';
import type { BehaviourRule } from './rule.js';

// A behaviour alert is an Alert (src/alerts/alert.ts) with the whole actor cluster and its evidence.

export const MAX_ALERT_EVIDENCE = 200;
const MAX_ACTORS = 100;

export interface ActorCluster {
  ips: string[];
  principals: string[];
  fingerprints: string[];
}

export interface BehaviourAlert extends Alert {
  summary: string;
  /** The grouping key's value (an account, a fingerprint, an endpoint...). */
  groupKey: string;
  actors: ActorCluster;
  /** Evidence exchanges, in order, up to MAX_ALERT_EVIDENCE. */
  entries: number[];
  /** Time of the exchange that raised it. */
  raisedAt: number;
}

function addActor(list: string[], v: string | undefined): void {
  if (v !== undefined && list.length < MAX_ACTORS && !list.includes(v)) list.push(v);
}

export function newAlert(rule: BehaviourRule, key: string, summary: string, evidence: readonly Evidence[], now: number, n: number): BehaviourAlert {
  const first = evidence[0];
  const a: BehaviourAlert = {
    id: `${rule.id}:${n}`,
    type: rule.type,
    severity: rule.severity,
    control: 'behaviour',
    rule: rule.id,
    message: summary,
    summary,
    groupKey: key,
    actor: { ip: first?.ip ?? '', principal: first?.principal },
    action: 'allow',
    requestIds: [],
    firstSeen: first?.time ?? now,
    lastSeen: now,
    count: 0,
    actors: { ips: [], principals: [], fingerprints: [] },
    entries: [],
    raisedAt: now,
  };
  for (const e of evidence) addEvidence(a, e);
  return a;
}

export function addEvidence(a: BehaviourAlert, e: Evidence): void {
  a.count++;
  if (e.time > a.lastSeen) a.lastSeen = e.time;
  if (e.time < a.firstSeen) a.firstSeen = e.time;
  if (a.entries.length < MAX_ALERT_EVIDENCE && !a.entries.includes(e.seq)) a.entries.push(e.seq);
  if (a.requestIds.length < MAX_EVIDENCE_IDS) a.requestIds.push(e.requestId);
  addActor(a.actors.ips, e.ip);
  addActor(a.actors.principals, e.principal);
  addActor(a.actors.fingerprints, e.fingerprint);
  if (!a.actor.principal && e.principal) a.actor.principal = e.principal;
}
