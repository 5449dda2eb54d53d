import type { Group } from './propose.js';
import type { Proposal, TuneResult } from './tune.js';

// What `vigil tune` prints: a readable review of each proposal, or one JSON document.

export interface RunInfo {
  policy: string;
  since?: number;
  until?: number;
  route?: string;
  records: number;
  truncated: boolean;
  corpus: { source?: string; cases?: number; payloads?: number; skipped?: string };
  maxLetThroughPct: number;
}

/** Refused groups printed in the readable report (the largest first). */
const REFUSED_SHOWN = 12;

const date = (t: number): string => new Date(t).toISOString().slice(0, 16).replace('T', ' ');

function exclusionText(g: Group): string {
  return Object.entries(g.exclusion)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ');
}

function proposalText(p: Proposal): string[] {
  const g = p.group;
  const t = p.traffic;
  const a = p.attacks;
  const lines = [
    `[${g.id}] route ${g.route}: exclude { ${exclusionText(g)} }   risk ${p.risk.toUpperCase()}`,
    `  covers ${g.exchanges} exchange(s) from ${g.clients} client(s) over ${g.days} day(s) (${date(g.first)} … ${date(g.last)}) at ${g.locations.join(', ')}`,
    ...g.evidence.map((e) => `  evidence: ${e}`),
    `  replay, recorded traffic: of ${t.inspected} exchange(s) on the route, ${t.flagged} flagged now; the exclusion clears ${t.cleared} (${t.clearedInGroup} of this group's ${g.exchanges})` +
      (t.clearedWithOther ? `, ${t.clearedWithOther} of them with other findings` : ''),
  ];
  for (const e of t.clearedWithOtherExamples) lines.push(`    cleared with other findings: ${e.id} (${e.rules.join(', ')})`);
  if (a.skipped) lines.push(`  replay, attacks: SKIPPED — ${a.skipped}`);
  else {
    const fams = a.byFamily.filter((f) => f.caught > 0).map((f) => `${f.family} ${f.letThrough}/${f.caught}`);
    lines.push(`  replay, attacks at ${a.placedAt} of request ${a.requestId}: would let through ${a.letThrough} of ${a.caught} attacks caught there now (${a.tried} placed)`);
    if (fams.length) lines.push(`    by family (let through/caught): ${fams.join(', ')}`);
    for (const e of a.examples) lines.push(`    let through: ${e}`);
  }
  for (const n of p.notes) lines.push(`  note: ${n}`);
  for (const u of p.unsafe) lines.push(`  UNSAFE: ${u} — not accepted without --force`);
  return lines;
}

function refusedText(g: Group): string[] {
  return [
    `[${g.id}] route ${g.route ?? '(none)'}: ${g.rule} at ${g.exclusion.location} — ${g.exchanges} exchange(s), ${g.clients} client(s): not a false positive`,
    ...g.refused.map((r) => `  because ${r}`),
  ];
}

export function textReport(r: TuneResult, info: RunInfo): string {
  const window = `${info.since ? date(info.since) : 'the beginning'} … ${info.until ? date(info.until) : 'now'}`;
  const lines = [
    `vigil tune: ${info.records} recorded exchange(s) in ${window}${info.route ? ` on route ${info.route}` : ''}${info.truncated ? ' (limit reached: older traffic only)' : ''}; policy ${info.policy}`,
    info.corpus.skipped
      ? `attack corpus: SKIPPED — ${info.corpus.skipped}`
      : `attack corpus: ${info.corpus.payloads} distinct payloads from ${info.corpus.cases} attack cases (${info.corpus.source}); refusal over ${info.maxLetThroughPct}% let through`,
    '',
  ];
  if (!r.proposals.length && !r.refused.length) lines.push('no false positives to tune: detection flagged nothing in this window');
  if (r.proposals.length) lines.push(`${r.proposals.length} proposed exclusion(s):`, '');
  for (const p of r.proposals) lines.push(...proposalText(p), '');
  if (r.refused.length) lines.push(`${r.refused.length} group(s) of findings not proposed:`, '');
  const shown = r.refused.slice(0, REFUSED_SHOWN);
  for (const g of shown) lines.push(...refusedText(g), '');
  if (r.refused.length > shown.length) lines.push(`… and ${r.refused.length - shown.length} more (all of them with --json)`, '');
  if (r.proposals.length) lines.push('accept with --accept ID[,ID] or --accept all (and --write FILE to write elsewhere than the policy file)');
  return lines.join('\n');
}

function groupJson(g: Group): object {
  return {
    id: g.id,
    route: g.route,
    rule: g.rule,
    category: g.category,
    exclusion: g.exclusion,
    exchanges: g.exchanges,
    clients: g.clients,
    days: g.days,
    first: new Date(g.first).toISOString(),
    last: new Date(g.last).toISOString(),
    attackLike: g.attackLike,
    locations: g.locations,
    evidence: g.evidence,
  };
}

export function jsonReport(r: TuneResult, info: RunInfo, written?: { file: string; ids: string[] }): string {
  return JSON.stringify(
    {
      ...info,
      since: info.since === undefined ? undefined : new Date(info.since).toISOString(),
      until: info.until === undefined ? undefined : new Date(info.until).toISOString(),
      proposals: r.proposals.map((p) => ({ ...groupJson(p.group), risk: p.risk, unsafe: p.unsafe, notes: p.notes, replay: { traffic: p.traffic, attacks: p.attacks } })),
      refused: r.refused.map((g) => ({ ...groupJson(g), reasons: g.refused })),
      ...(written ? { written } : {}),
    },
    null,
    2,
  );
}
