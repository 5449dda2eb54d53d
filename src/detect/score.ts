import type { Finding } from '../exchange/exchange.js';
import type { DetectOptions, Report, Severity } from './types.js';

const BASE: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2 };

export function scoreOf(r: Report): number {
  return r.score ?? Math.round(BASE[r.severity] * Math.max(0, Math.min(1, r.confidence)));
}

const EVIDENCE_MAX = 80;

/** Evidence shortened to ~80 characters, control characters made visible. */
export function shorten(s: string): string {
  const clean = s.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '?'));
  return clean.length <= EVIDENCE_MAX ? clean : `${clean.slice(0, EVIDENCE_MAX - 1)}…`;
}

function matches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}

export function excluded(f: Finding, exclusions: DetectOptions['exclusions']): boolean {
  for (const x of exclusions) {
    if (x.rule === undefined && x.category === undefined && x.location === undefined) continue;
    if (matches(x.rule, f.rule) && matches(x.category, f.category) && matches(x.location, f.location)) return true;
  }
  return false;
}

/** A request's score: each rule counts once (its highest-scoring finding), summed over rules, like an anomaly score. */
export function totalScore(findings: readonly Finding[]): number {
  const best = new Map<string, number>();
  for (const f of findings) best.set(f.rule, Math.max(best.get(f.rule) ?? 0, f.score));
  let total = 0;
  for (const v of best.values()) total += v;
  return total;
}
