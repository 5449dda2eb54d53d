import { exchangesFromHar } from '../../src/capture/har/har.js';
import { Analyzer, type AnalyzerOptions } from '../../src/behaviour/analyzer.js';
import type { BehaviourAlert } from '../../src/behaviour/behaviour-alert.js';
import type { BehaviourRule } from '../../src/behaviour/rule.js';
import { harChunks } from './har-entry.js';
import type { Simulation } from './simulate.js';

// Runs the analyzer over a simulation (through the HAR reader, as `vigil analyze` would) and scores it:
// per scenario, whether an alert of an expected type has its requests as evidence and how soon it fired;
// an alert is attributed to the scenario most of its evidence belongs to; alerts whose evidence holds no attack
// request are false alerts.

function plurality(labels: (string | undefined)[]): string | undefined {
  const n = new Map<string, number>();
  for (const l of labels) if (l !== undefined) n.set(l, (n.get(l) ?? 0) + 1);
  let best: string | undefined;
  for (const [l, c] of n) if (best === undefined || c > n.get(best)!) best = l;
  return best;
}

export interface ScenarioScore {
  id: string;
  requests: number;
  detected: boolean;
  /** Detected only by alerts of other types. */
  detectedAs: string[];
  /** Milliseconds from the scenario's first request to the first alert of an expected type. */
  timeToDetectMs?: number;
}

export interface Score {
  scenarios: ScenarioScore[];
  benign: number;
  alerts: number;
  falseAlerts: BehaviourAlert[];
  falsePer100k: number;
  analyzeMs: number;
}

export function scoreSimulation(sim: Simulation, rules: readonly BehaviourRule[], opts: AnalyzerOptions = {}): Score {
  const text = [...harChunks(sim.events)].join('');
  const started = performance.now();
  const { exchanges } = exchangesFromHar(text, 'sim.har');
  const analyzer = new Analyzer(rules, opts);
  exchanges.forEach((ex, i) => analyzer.observe(ex, i));
  const analyzeMs = performance.now() - started;
  const alerts = analyzer.engine.alerts;
  const labelOf = (i: number): string | undefined => sim.events[i]?.label;
  const falseAlerts = alerts.filter((a) => a.entries.every((i) => labelOf(i) === undefined));
  const owner = new Map(alerts.map((a) => [a, plurality(a.entries.map(labelOf))]));
  const scenarios = sim.scenarios.map((sc): ScenarioScore => {
    const requests = sim.events.filter((e) => e.label === sc.id).length;
    const hits = alerts.filter((a) => owner.get(a) === sc.id);
    const right = hits.filter((a) => sc.expect.includes(a.type));
    const first = right.length ? Math.min(...right.map((a) => a.raisedAt)) : undefined;
    return { id: sc.id, requests, detected: right.length > 0, detectedAs: [...new Set(hits.map((a) => a.type))], timeToDetectMs: first === undefined ? undefined : first - sim.starts.get(sc.id)! };
  });
  return { scenarios, benign: sim.benign, alerts: alerts.length, falseAlerts, falsePer100k: (falseAlerts.length / Math.max(1, sim.benign)) * 100_000, analyzeMs };
}
