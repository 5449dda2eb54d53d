import { createHash } from 'node:crypto';
import type { Finding } from '../exchange/exchange.js';
import type { ExchangeRecord } from '../store/record.js';
import { flaggedByDetection } from './collect.js';
import { generaliseLocation } from './locations.js';
import type { Exclusion } from './route-detect.js';

// Flagged exchanges grouped by (route, rule, generalised location); a group seen from enough clients, without the
// marks of an attack, becomes a proposed exclusion: that rule at that location on that route, nothing wider.

export interface ProposeOptions {
  /** Distinct clients a group needs before it is taken for a false positive. */
  minClients: number;
  /** Share of a group's exchanges that may look like attacks before the group is refused as one. */
  maxAttackShare: number;
}

export const DEFAULT_PROPOSE: ProposeOptions = { minClients: 3, maxAttackShare: 0.25 };

export interface Occurrence {
  record: ExchangeRecord;
  /** The group's findings on this exchange (one per concrete location). */
  findings: Finding[];
  /** Why this exchange looks like an attack, if it does. */
  attackSign?: string;
}

export interface Group {
  id: string;
  route: string | null;
  rule: string;
  category: string;
  exclusion: Exclusion;
  occurrences: Occurrence[];
  exchanges: number;
  clients: number;
  days: number;
  first: number;
  last: number;
  /** Exchanges that look like attacks (several categories, a scanner, strong findings in many parameters, a probing client). */
  attackLike: number;
  /** Up to three distinct evidence strings, redacted as stored. */
  evidence: string[];
  locations: string[];
  /** Empty when proposed; otherwise why the group is not taken for a false positive. */
  refused: string[];
}

/** Findings that say nothing about a rule being wrong for a field. */
function tunable(f: Finding): boolean {
  return f.score > 0 && f.category !== 'detect';
}

function groupKey(route: string | null, rule: string, pattern: string): string {
  return `${route ?? ''}\u0000${rule}\u0000${pattern}`;
}

export function proposalId(route: string | null, exclusion: Exclusion): string {
  return createHash('sha256').update(groupKey(route, exclusion.rule ?? '', exclusion.location ?? '')).digest('hex').slice(0, 6);
}

/** Why one request looks like an attack rather than a field's ordinary content, if it does. */
export function attackSign(findings: readonly Finding[]): string | undefined {
  const fs = findings.filter(tunable);
  if (fs.some((f) => f.category === 'scanner')) return 'a known scanner';
  const categories = new Set(fs.map((f) => f.category));
  const rules = new Set(fs.map((f) => f.rule));
  const places = new Set(fs.map((f) => generaliseLocation(f.location)));
  if (categories.size >= 2 && (places.size >= 2 || rules.size >= 3))
    return `${rules.size} rules in ${categories.size} categories (${[...categories].sort().join(', ')}) on one request`;
  const strong = new Set(fs.filter((f) => f.score >= 4).map((f) => generaliseLocation(f.location)));
  if (strong.size >= 3) return `high scores on ${strong.size} parameters of one request`;
  return undefined;
}

/** Clients whose flagged requests try many rules of several categories: probing, not using a feature. */
function probingClients(flagged: readonly ExchangeRecord[]): Map<string, string> {
  const rules = new Map<string, Set<string>>();
  const categories = new Map<string, Set<string>>();
  for (const r of flagged)
    for (const f of r.findings.filter(tunable)) {
      (rules.get(r.client_ip) ?? rules.set(r.client_ip, new Set()).get(r.client_ip)!).add(f.rule);
      (categories.get(r.client_ip) ?? categories.set(r.client_ip, new Set()).get(r.client_ip)!).add(f.category);
    }
  const out = new Map<string, string>();
  for (const [ip, rs] of rules) {
    const cs = categories.get(ip)!;
    if (rs.size >= 4 && cs.size >= 2) out.set(ip, `its client (${ip}) tried ${rs.size} rules in ${cs.size} categories`);
  }
  return out;
}

const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function groupFindings(records: readonly ExchangeRecord[], opts: ProposeOptions = DEFAULT_PROPOSE): Group[] {
  const flagged = records.filter(flaggedByDetection);
  const probers = probingClients(flagged);
  const groups = new Map<string, { route: string | null; rule: string; category: string; pattern: string; occurrences: Occurrence[] }>();
  for (const r of flagged) {
    const sign = attackSign(r.findings) ?? probers.get(r.client_ip);
    const mine = new Map<string, Finding[]>();
    for (const f of r.findings) {
      if (!tunable(f)) continue;
      const pattern = generaliseLocation(f.location);
      const key = groupKey(r.route, f.rule, pattern);
      if (!groups.has(key)) groups.set(key, { route: r.route, rule: f.rule, category: f.category, pattern, occurrences: [] });
      (mine.get(key) ?? mine.set(key, []).get(key)!).push(f);
    }
    for (const [key, fs] of mine) groups.get(key)!.occurrences.push({ record: r, findings: fs, ...(sign ? { attackSign: sign } : {}) });
  }
  return [...groups.values()]
    .map((g) => summarise(g, opts))
    .sort((a, b) => Number(a.refused.length > 0) - Number(b.refused.length > 0) || b.exchanges - a.exchanges || a.id.localeCompare(b.id));
}

function summarise(g: { route: string | null; rule: string; category: string; pattern: string; occurrences: Occurrence[] }, opts: ProposeOptions): Group {
  const exclusion: Exclusion = { rule: g.rule, location: g.pattern };
  const benign = g.occurrences.filter((o) => !o.attackSign);
  const attackLike = g.occurrences.length - benign.length;
  const clients = new Set(benign.map((o) => o.record.client_ip)).size;
  const times = g.occurrences.map((o) => o.record.time);
  const evidence = [...new Set(benign.flatMap((o) => o.findings.map((f) => f.evidence)))].slice(0, 3);
  const refused: string[] = [];
  if (g.route === null) refused.push('matches no route: exclusions are set per route (give this traffic a route first)');
  if (attackLike / g.occurrences.length > opts.maxAttackShare) {
    const signs = new Map<string, number>();
    for (const o of g.occurrences) if (o.attackSign) signs.set(o.attackSign, (signs.get(o.attackSign) ?? 0) + 1);
    const top = [...signs].sort((a, b) => b[1] - a[1])[0]!;
    refused.push(`looks like an attack: ${attackLike} of ${g.occurrences.length} exchanges carry attack marks (e.g. ${top[0]})`);
  }
  if (clients < opts.minClients)
    refused.push(`from ${clients} client${clients === 1 ? '' : 's'} only${attackLike ? ' once attack-like exchanges are set aside' : ''} (a false positive needs at least ${opts.minClients})`);
  return {
    id: proposalId(g.route, exclusion),
    route: g.route,
    rule: g.rule,
    category: g.category,
    exclusion,
    occurrences: g.occurrences,
    exchanges: g.occurrences.length,
    clients,
    days: new Set(times.map(day)).size,
    first: Math.min(...times),
    last: Math.max(...times),
    attackLike,
    evidence,
    locations: [...new Set(g.occurrences.flatMap((o) => o.findings.map((f) => f.location)))].slice(0, 5),
    refused,
  };
}
