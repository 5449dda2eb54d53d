import type { BehaviourAlert } from './behaviour-alert.js';
import { buildIncidents, type Incident } from './incidents.js';

// The document `vigil analyze --json` prints.

export interface ReportAlert {
  type: string;
  severity: string;
  rule: string;
  summary: string;
  actor: { ips: string[]; principals: string[] };
  firstSeen: string;
  lastSeen: string;
  raisedAt: string;
  count: number;
  entries: number[];
}

export interface AnalysisReport {
  alerts: ReportAlert[];
  incidents: (Omit<Incident, 'firstSeen' | 'lastSeen' | 'timeline'> & { firstSeen: string; lastSeen: string; timeline: { time: string; alert: number; type: string; summary: string }[] })[];
}

const iso = (t: number): string => new Date(t).toISOString();

export function analysisReport(alerts: readonly BehaviourAlert[]): AnalysisReport {
  const incidents = buildIncidents(alerts);
  return {
    alerts: alerts.map((a) => ({
      type: a.type,
      severity: a.severity,
      rule: a.rule,
      summary: a.summary,
      actor: { ips: a.actors.ips, principals: a.actors.principals },
      firstSeen: iso(a.firstSeen),
      lastSeen: iso(a.lastSeen),
      raisedAt: iso(a.raisedAt),
      count: a.count,
      entries: [...a.entries].sort((x, y) => x - y),
    })),
    incidents: incidents.map((i) => ({ ...i, firstSeen: iso(i.firstSeen), lastSeen: iso(i.lastSeen), timeline: i.timeline.map((t) => ({ ...t, time: iso(t.time) })) })),
  };
}
