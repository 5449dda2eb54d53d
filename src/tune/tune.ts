import type { VigilConfig } from '../config/types.js';
import { excluded } from '../detect/score.js';
import type { ExchangeRecord } from '../store/record.js';
import type { AttackCorpus } from './corpus.js';
import { DEFAULT_PROPOSE, groupFindings, type Group, type ProposeOptions } from './propose.js';
import { RecordedTraffic, replayAttacks, type AttackReplay, type TrafficReplay } from './replay.js';
import { detectOptions, routeDetect } from './route-detect.js';

// Recorded false positives → proposed exclusions, each replayed against the traffic and the attack corpus and given
// a risk. Pure over its inputs: the command reads the store and the corpus, and writes what is accepted.

export interface TuneOptions extends ProposeOptions {
  /** Share of the attacks caught at the location (percent) an exclusion may let through before it is refused. */
  maxLetThroughPct: number;
}

export const DEFAULT_TUNE: TuneOptions = { ...DEFAULT_PROPOSE, maxLetThroughPct: 5 };

export interface Proposal {
  group: Group;
  traffic: TrafficReplay;
  attacks: AttackReplay;
  risk: 'low' | 'medium' | 'high';
  /** What a reviewer should know. */
  notes: string[];
  /** Why acceptance is refused without --force (empty: it may be accepted). */
  unsafe: string[];
}

export interface TuneResult {
  proposals: Proposal[];
  /** Groups of flagged findings not taken for false positives, with the reasons. */
  refused: Group[];
}

function assess(group: Group, traffic: TrafficReplay, attacks: AttackReplay, opts: TuneOptions): Pick<Proposal, 'risk' | 'notes' | 'unsafe'> {
  const unsafe: string[] = [];
  const notes: string[] = [];
  if (attacks.skipped) unsafe.push(`attack replay skipped: ${attacks.skipped}`);
  else if (attacks.caught === 0) unsafe.push(`no attack of the corpus is caught at ${attacks.placedAt} now, so the replay proves nothing`);
  else {
    const pct = (100 * attacks.letThrough) / attacks.caught;
    if (pct > opts.maxLetThroughPct)
      unsafe.push(`would let through ${attacks.letThrough} of ${attacks.caught} attacks (${pct.toFixed(1)}%, over the ${opts.maxLetThroughPct}% limit)`);
  }
  if (traffic.clearedInGroup === 0) notes.push('clears none of the recorded exchanges on its own (other findings keep them flagged, or they could not be replayed)');
  if (traffic.stillFlagged > 0) notes.push(`${traffic.stillFlagged} of the group's exchanges stay flagged by other findings`);
  if (traffic.clearedWithOther > 0)
    notes.push(`${traffic.clearedWithOther} cleared exchange(s) also carried other findings (${[...new Set(traffic.clearedWithOtherExamples.flatMap((e) => e.rules))].join(', ')})`);
  if (traffic.notReproduced > 0) notes.push(`${traffic.notReproduced} exchange(s) did not reproduce the finding when inspected again (redacted or unrecorded body)`);
  if (group.days < 2) notes.push('seen on one day only');
  if (group.attackLike > 0) notes.push(`${group.attackLike} exchange(s) of the group look like attacks and are not counted as false positives`);
  const risk = unsafe.length ? 'high' : attacks.letThrough > 0 || traffic.clearedWithOther > 0 ? 'medium' : 'low';
  return { risk, notes, unsafe };
}

export function tune(cfg: VigilConfig, records: readonly ExchangeRecord[], corpus: AttackCorpus | undefined, opts: TuneOptions = DEFAULT_TUNE, corpusProblem?: string): TuneResult {
  const groups = groupFindings(records, opts);
  const traffic = new RecordedTraffic(records);
  const proposals: Proposal[] = [];
  const refused: Group[] = [];
  for (const g of groups) {
    const detect = routeDetect(cfg, g.route);
    if (g.refused.length === 0) {
      if (g.route !== null && !cfg.routes.some((r) => r.name === g.route)) g.refused.push(`route "${g.route}" is not in this policy`);
      else if (!detect) g.refused.push(`detection is off for route "${g.route}" in this policy`);
      else if (g.occurrences.every((o) => o.findings.every((f) => excluded(f, detect.exclusions ?? []))))
        g.refused.push('already excluded by the policy (recorded before the exclusion was added)');
    }
    if (g.refused.length || !detect) {
      refused.push(g);
      continue;
    }
    const current = detectOptions(detect);
    const withExclusion = detectOptions(detect, [g.exclusion]);
    const t = traffic.replay(g, current, withExclusion);
    const a = replayAttacks(g, corpus, current, withExclusion, corpusProblem);
    proposals.push({ group: g, traffic: t, attacks: a, ...assess(g, t, a, opts) });
  }
  return { proposals, refused };
}

/**
 * Exclusions accepted together on one route are replayed together: two rules excluded at one field may let through
 * attacks that each alone would not. Returns why acceptance is refused (empty: it may go ahead).
 */
export function replayTogether(cfg: VigilConfig, accepted: readonly Proposal[], corpus: AttackCorpus | undefined, opts: TuneOptions = DEFAULT_TUNE): string[] {
  const byRoute = new Map<string, Proposal[]>();
  for (const p of accepted) (byRoute.get(p.group.route ?? '') ?? byRoute.set(p.group.route ?? '', []).get(p.group.route ?? '')!).push(p);
  const refusals: string[] = [];
  for (const [route, list] of byRoute) {
    const detect = routeDetect(cfg, route);
    if (list.length < 2 || !detect || !corpus) continue;
    const current = detectOptions(detect);
    const together = detectOptions(detect, list.map((p) => p.group.exclusion));
    for (const p of list) {
      const a = replayAttacks(p.group, corpus, current, together);
      if (a.skipped || a.caught === 0) continue;
      const pct = (100 * a.letThrough) / a.caught;
      if (pct > opts.maxLetThroughPct)
        refusals.push(
          `${list.map((x) => x.group.id).join('+')} together on route ${route}: would let through ${a.letThrough} of ${a.caught} attacks at ${a.placedAt} (${pct.toFixed(1)}%, over the ${opts.maxLetThroughPct}% limit)`,
        );
    }
  }
  return [...new Set(refusals)];
}
