import type { Exchange, Finding } from '../exchange/exchange.js';
import { inspectExchange } from '../detect/engine.js';
import { excluded, shorten } from '../detect/score.js';
import type { DetectOptions, InspectResult } from '../detect/types.js';
import type { ExchangeRecord } from '../store/record.js';
import { exchangeOfRecord } from './collect.js';
import type { AttackCorpus } from './corpus.js';
import { placeAt } from './place.js';
import type { Group } from './propose.js';

// The safety check of a proposed exclusion: (a) the window's recorded traffic inspected again with and without it,
// (b) every labelled attack placed where the false positives were, with and without it.

export interface TrafficReplay {
  /** The route's recorded exchanges inspected again. */
  inspected: number;
  /** Of them, flagged without the exclusion. */
  flagged: number;
  /** Flagged without the exclusion, not with it. */
  cleared: number;
  clearedInGroup: number;
  /** Cleared exchanges that carried findings the exclusion does not cover (count, and a few ids with their rules). */
  clearedWithOther: number;
  clearedWithOtherExamples: { id: string; rules: string[] }[];
  /** The group's exchanges still flagged with the exclusion (other findings keep them over the threshold). */
  stillFlagged: number;
  /** The group's exchanges whose finding did not come back on inspection (redacted, cut or unrecorded body). */
  notReproduced: number;
}

export interface FamilyCount {
  family: string;
  caught: number;
  letThrough: number;
}

export interface AttackReplay {
  /** Why the attack replay could not run; the proposal is then unproven. */
  skipped?: string;
  source?: string;
  /** Where the attacks were placed: a recorded request's concrete location. */
  placedAt?: string;
  requestId?: string;
  tried: number;
  /** Attacks placed there that the route's current settings catch there (M). */
  caught: number;
  /** Of those, attacks the exclusion would let through (N). */
  letThrough: number;
  byFamily: FamilyCount[];
  examples: string[];
}

/**
 * Inspections of recorded exchanges under the route's current settings, computed once and shared by proposals
 * (results only: an exchange is rebuilt from its record when an exclusion has to be tried on it).
 */
export class RecordedTraffic {
  private readonly cache = new Map<string, InspectResult>();
  constructor(private readonly records: readonly ExchangeRecord[]) {}

  private current(r: ExchangeRecord, opts: DetectOptions): InspectResult {
    let x = this.cache.get(r.id);
    if (!x) {
      x = inspectExchange(exchangeOfRecord(r), opts);
      this.cache.set(r.id, x);
    }
    return x;
  }

  replay(group: Group, current: DetectOptions, withExclusion: DetectOptions): TrafficReplay {
    const inGroup = new Set(group.occurrences.map((o) => o.record.id));
    const out: TrafficReplay = { inspected: 0, flagged: 0, cleared: 0, clearedInGroup: 0, clearedWithOther: 0, clearedWithOtherExamples: [], stillFlagged: 0, notReproduced: 0 };
    const covered = (f: Finding): boolean => excluded(f, [group.exclusion]);
    for (const r of this.records) {
      if (r.route !== group.route) continue;
      out.inspected++;
      const result = this.current(r, current);
      const member = inGroup.has(r.id);
      if (member && !result.findings.some(covered)) out.notReproduced++;
      if (!result.attack) continue;
      out.flagged++;
      // an exclusion only takes findings away: an exchange it does not touch keeps its verdict
      const after = result.findings.some(covered) ? inspectExchange(exchangeOfRecord(r), withExclusion) : result;
      if (after.attack) {
        if (member) out.stillFlagged++;
        continue;
      }
      out.cleared++;
      if (member) out.clearedInGroup++;
      const other = [...new Set(result.findings.filter((f) => !covered(f) && f.score > 0).map((f) => f.rule))];
      if (other.length) {
        out.clearedWithOther++;
        if (out.clearedWithOtherExamples.length < 5) out.clearedWithOtherExamples.push({ id: r.id, rules: other });
      }
    }
    return out;
  }
}

/** A recorded request of the group to carry the attacks: one the exclusion clears, so only the payload is judged. */
function carrier(group: Group, withExclusion: DetectOptions): { ex: Exchange; location: string; id: string } | undefined {
  const ordered = [...group.occurrences].sort((a, b) => Number(Boolean(a.attackSign)) - Number(Boolean(b.attackSign)));
  let fallback: { ex: Exchange; location: string; id: string } | undefined;
  for (const o of ordered) {
    const ex = exchangeOfRecord(o.record);
    for (const f of o.findings) {
      if (!placeAt(ex, f.location, 'x')) continue;
      const candidate = { ex, location: f.location, id: o.record.id };
      if (!inspectExchange(ex, withExclusion).attack) return candidate;
      fallback ??= candidate;
    }
  }
  return fallback;
}

/** Whether a finding sits at the location or inside its value. */
function at(f: Finding, location: string): boolean {
  return f.location === location || f.location.startsWith(`${location}>`);
}

export function replayAttacks(group: Group, corpus: AttackCorpus | undefined, current: DetectOptions, withExclusion: DetectOptions, corpusProblem?: string): AttackReplay {
  const empty: AttackReplay = { tried: 0, caught: 0, letThrough: 0, byFamily: [], examples: [] };
  if (!corpus) return { ...empty, skipped: corpusProblem ?? 'no attack corpus (give --corpus HAR --labels JSON)' };
  const base = carrier(group, withExclusion);
  if (!base)
    return { ...empty, source: corpus.source, skipped: `attacks cannot be placed at ${group.locations.join(', ')} (only query, form and JSON fields, headers and cookies of a recorded request)` };
  const families = new Map<string, FamilyCount>();
  const out: AttackReplay = { ...empty, source: corpus.source, placedAt: base.location, requestId: base.id };
  for (const p of corpus.payloads) {
    const ex = placeAt(base.ex, base.location, p.text);
    if (!ex) continue;
    out.tried++;
    const now = inspectExchange(ex, current);
    if (!now.attack || !now.findings.some((f) => at(f, base.location))) continue;
    const fam = families.get(p.family) ?? families.set(p.family, { family: p.family, caught: 0, letThrough: 0 }).get(p.family)!;
    fam.caught++;
    out.caught++;
    if (inspectExchange(ex, withExclusion).attack) continue;
    fam.letThrough++;
    out.letThrough++;
    if (out.examples.length < 5) out.examples.push(shorten(p.text));
  }
  out.byFamily = [...families.values()].sort((a, b) => b.letThrough - a.letThrough || b.caught - a.caught);
  return out;
}
