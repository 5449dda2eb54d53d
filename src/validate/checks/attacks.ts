import type { ValidateContext } from '../model/context.js';
import { modeOf, operationOf, readMethod, writeMethod, type RouteTarget } from '../model/targets.js';
import { line, type Probe, type ProbeReply } from '../net/prober.js';
import type { CheckDef } from '../types.js';
import { CATEGORIES, jsonUnicodeString, PAYLOADS, type AttackCategory, type AttackPayload } from './attack-payloads.js';
import { baseProbe, blocked, needsAuth, slug } from './request.js';
import { perSecond } from './rate-limit.js';

export type AttackLocation = 'query' | 'body' | 'header' | 'path';
const HEADER = 'x-api-context';

interface Variant {
  encoding: string;
  probe: Probe;
}

function bodyText(sample: unknown, field: string, value: string, members?: string): string {
  const rest: Record<string, unknown> = typeof sample === 'object' && sample !== null && !Array.isArray(sample) ? { ...(sample as Record<string, unknown>) } : {};
  if (members) {
    const inner = JSON.stringify(rest).slice(1, -1);
    return `{${members}${inner ? `,${inner}` : ''}}`;
  }
  delete rest[field];
  const inner = JSON.stringify(rest).slice(1, -1);
  return `{${JSON.stringify(field)}:${value}${inner ? `,${inner}` : ''}}`;
}

function variants(ctx: ValidateContext, t: RouteTarget, loc: AttackLocation, p: AttackPayload): Variant[] {
  const read = readMethod(t);
  const base = baseProbe(ctx, t, read);
  const enc = encodeURIComponent(p.text);
  switch (loc) {
    case 'query': {
      const param = operationOf(t, read)?.queryStrings[0] ?? 'q';
      return [
        { encoding: 'url', probe: { ...base, path: `${t.path}?${param}=${enc}` } },
        { encoding: 'double-url', probe: { ...base, path: `${t.path}?${param}=${encodeURIComponent(enc)}` } },
      ];
    }
    case 'header':
      return [
        { encoding: 'plain', probe: { ...base, headers: { ...base.headers, [HEADER]: p.text } } },
        { encoding: 'url', probe: { ...base, headers: { ...base.headers, [HEADER]: enc } } },
      ];
    case 'path': {
      const at = (v: string) => t.template.replace(/\{[^}]+\}/, v).replace(/\{[^}]+\*?\}/g, '1');
      return [
        { encoding: 'url', probe: { ...base, path: at(enc) } },
        { encoding: 'double-url', probe: { ...base, path: at(encodeURIComponent(enc)) } },
      ];
    }
    case 'body': {
      const method = writeMethod(t)!;
      const wb = baseProbe(ctx, t, method);
      const op = operationOf(t, method);
      const field = op?.bodyStrings[0] ?? 'q';
      if (p.members || p.json !== undefined)
        return [{ encoding: 'json', probe: { ...wb, body: bodyText(op?.body, field, JSON.stringify(p.json ?? null), p.members) } }];
      return [
        { encoding: 'json', probe: { ...wb, body: bodyText(op?.body, field, JSON.stringify(p.text)) } },
        { encoding: 'json-unicode', probe: { ...wb, body: bodyText(op?.body, field, jsonUnicodeString(p.text)) } },
      ];
    }
  }
}

function locationsOf(t: RouteTarget): AttackLocation[] {
  const out: AttackLocation[] = ['query', 'header'];
  if (writeMethod(t)) out.push('body');
  if (/\{[^}]+\}/.test(t.template)) out.push('path');
  return out;
}

function probeCount(ctx: ValidateContext, t: RouteTarget): number {
  return locationsOf(t).reduce((n, loc) => n + PAYLOADS.reduce((m, p) => m + variants(ctx, t, loc, p).length, 0), 0);
}

/** Why attack probes are not sent to this route, if they are not. */
function unsuitable(ctx: ValidateContext, t: RouteTarget): string | undefined {
  const wanted = ctx.plan?.attack_routes;
  if (wanted && !wanted.includes(t.name) && !wanted.includes(t.template)) return 'not in the plan\'s attack_routes';
  const mode = t.fromPolicy ? modeOf(t, t.settings.detect ?? {}) : 'enforce';
  if (mode !== 'enforce') return `detection is ${mode} on this route: probes are not expected to be refused`;
  if (t.settings.ip?.allow?.length && modeOf(t, t.settings.ip) === 'enforce') return 'its ip allow list refuses the prober before any payload is looked at';
  if (needsAuth(t, readMethod(t)) && ctx.identities.size === 0) return 'needs a credential and the plan has no identity';
  const rules = t.settings.rate_limit === undefined ? [] : Array.isArray(t.settings.rate_limit) ? t.settings.rate_limit : [t.settings.rate_limit];
  const need = probeCount(ctx, t);
  const tight = rules.find((r) => modeOf(t, r) === 'enforce' && (r.burst ?? perSecond(r.rate)) < need);
  if (tight) return `its rate limit (${tight.rate}, burst ${tight.burst ?? '-'}) would answer 429 before ${need} probes get through`;
  return undefined;
}

function attackCheck(ctx: ValidateContext, t: RouteTarget, category: AttackCategory, loc: AttackLocation, baseline: () => Promise<ProbeReply>): CheckDef {
  const list = PAYLOADS.filter((p) => p.category === category).flatMap((p) => variants(ctx, t, loc, p));
  return {
    id: `attack-blocking.${slug(t.name)}.${category}.${loc}`,
    control: 'attack-blocking',
    route: t.name,
    expected: `every ${category} probe in the ${loc} (${[...new Set(list.map((v) => v.encoding))].join(', ')}) is refused`,
    probes: list.map((v) => `${v.probe.method} ${v.probe.path} (${category} in ${loc}, ${v.encoding})`),
    run: async () => {
      const b = await baseline();
      if (blocked(b) || b.status === 0 || b.status === 429) return { status: 'error', observed: `the benign baseline was refused (${b.status}): blocking cannot be told apart`, evidence: [] };
      const evidence: string[] = [];
      let passed = 0;
      let limited = 0;
      for (const v of list) {
        const r = await ctx.prober.send(v.probe);
        if (blocked(r)) passed++;
        if (r.status === 429) limited++;
        evidence.push(`${blocked(r) ? 'blocked' : 'MISSED '} ${line(v.probe, r, v.encoding)}`);
      }
      if (limited > 0) return { status: 'error', observed: `${limited} probe(s) were rate limited`, evidence };
      return { status: passed === list.length ? 'pass' : 'fail', observed: `${passed}/${list.length} blocked`, evidence };
    },
  };
}

/** Curated attack probes per category and location, expected refused on routes that enforce detection. */
export function attackChecks(ctx: ValidateContext): CheckDef[] {
  const out: CheckDef[] = [];
  for (const t of ctx.targets) {
    const why = unsuitable(ctx, t);
    if (why) {
      ctx.skipped.push({ control: 'attack-blocking', route: t.name, reason: why });
      continue;
    }
    let memo: Promise<ProbeReply> | undefined;
    const baseline = () => (memo ??= ctx.prober.trySend(baseProbe(ctx, t, readMethod(t))));
    for (const loc of locationsOf(t)) for (const c of CATEGORIES) out.push(attackCheck(ctx, t, c, loc, baseline));
  }
  return out;
}
