import type { Finding } from '../exchange/exchange.js';
import type { DetectOptions, Report, Severity } from './types.js';

const BASE: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2 };

export function scoreOf(r: Report): number {
  return r.score ?? Math.round(BASE[r.severity] * Math.max(0, Math.min(1, r.confidence)));
}

/**
 * A parameter name (query or form key, JSON key, cookie name) is an identifier in real APIs: code syntax inside one is
 * stronger evidence than the same text in a free-text value, so a high-confidence finding there counts as certain. The
 * location tells (a parameter string found inside a name, `pay=or 1=1` sent as one form key, is located under it).
 */
export function weighByLocation(score: number, location: string): number {
  return score === 4 && (location.startsWith('body-key:') || location.startsWith('query-key:') || location.startsWith('cookie-key:')) ? 5 : score;
}

const EVIDENCE_MAX = 80;

/** Evidence shortened to ~80 characters, control characters made visible. */
export function shorten(s: string): string {
  const clean = s.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '?'));
  return clean.length <= EVIDENCE_MAX ? clean : `${clean.slice(0, EVIDENCE_MAX - 1)}…`;
}

/** `*` within a segment matches any characters of that segment (two pointers, one backtrack point: linear in practice). */
function globSegment(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && pattern[p] === value[v] && pattern[p] !== '*') {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * An exclusion field against a finding's field. `*` matches within one `/`-separated segment (a pattern with `*` in
 * place of an array index matches every item); a trailing `*` also matches whatever follows (a prefix).
 */
export function matchesPattern(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  if (pattern.indexOf('*') < 0) return pattern === value;
  const ps = pattern.split('/');
  const vs = value.split('/');
  const prefix = pattern.endsWith('*');
  if (vs.length < ps.length || (!prefix && vs.length !== ps.length)) return false;
  for (let i = 0; i < ps.length; i++) if (!globSegment(ps[i]!, vs[i]!)) return false;
  return true;
}

export function excluded(f: Finding, exclusions: DetectOptions['exclusions']): boolean {
  for (const x of exclusions) {
    if (x.rule === undefined && x.category === undefined && x.location === undefined) continue;
    if (matchesPattern(x.rule, f.rule) && matchesPattern(x.category, f.category) && matchesPattern(x.location, f.location)) return true;
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
