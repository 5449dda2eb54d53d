import type { AuthRequirement, VigilConfig } from '../../config/types.js';
import type { ValidateContext } from '../model/context.js';
import { operationOf, readMethod, type RouteTarget } from '../model/targets.js';
import { line, type Probe } from '../net/prober.js';
import { claimsFor, foreignKeyToken, signWithPlanKey, tamperedToken, unsignedToken } from '../tokens.js';
import type { CheckDef } from '../types.js';
import { baseProbe, needsAuth, outcome, refused, slug } from './request.js';

/** Where a credential goes: a bearer (or bare) token in a header or cookie, or an API key. */
type Slot = { kind: 'jwt'; header: string; cookie?: string; issuer?: boolean; audience?: boolean } | { kind: 'api-key'; in: 'header' | 'query'; name: string };

function policySlots(req: AuthRequirement, cfg: VigilConfig): Slot[] {
  if (req === 'none') return [];
  const out: Slot[] = [];
  if (req.jwt !== undefined) {
    const p = cfg.auth.jwt[req.jwt];
    out.push({ kind: 'jwt', header: (p?.header ?? 'authorization').toLowerCase(), cookie: p?.cookie, issuer: p?.issuer !== undefined, audience: p?.audience !== undefined });
  }
  if (req.api_key !== undefined) {
    const k = cfg.auth.api_keys[req.api_key];
    if (k) out.push({ kind: 'api-key', in: k.in, name: k.name });
  }
  for (const alt of req.any ?? []) out.push(...policySlots(alt, cfg));
  return out;
}

function slotsOf(ctx: ValidateContext, t: RouteTarget, method: string): Slot[] {
  if (t.fromPolicy && ctx.config && t.settings.auth) return policySlots(t.settings.auth, ctx.config);
  return (operationOf(t, method)?.credentials ?? []).map((c) =>
    c.kind === 'bearer' ? { kind: 'jwt', header: 'authorization', issuer: true, audience: true } : { kind: 'api-key', in: c.in, name: c.name },
  );
}

function place(p: Probe, slot: Slot, value: string): Probe {
  const headers = { ...p.headers };
  for (const k of Object.keys(headers)) if (k === 'authorization' || k === 'cookie') delete headers[k];
  if (slot.kind === 'api-key') {
    if (slot.in === 'header') return { ...p, headers: { ...headers, [slot.name.toLowerCase()]: value } };
    const sep = p.path.includes('?') ? '&' : '?';
    return { ...p, headers, path: `${p.path}${sep}${encodeURIComponent(slot.name)}=${encodeURIComponent(value)}` };
  }
  if (slot.cookie) return { ...p, headers: { ...headers, cookie: `${slot.cookie}=${value}` } };
  return { ...p, headers: { ...headers, [slot.header]: slot.header === 'authorization' ? `Bearer ${value}` : value } };
}

interface Variant {
  kind: string;
  what: string;
  token: () => Promise<string | undefined>;
}

function jwtVariants(ctx: ValidateContext, slot: Extract<Slot, { kind: 'jwt' }>): Variant[] {
  const key = ctx.plan?.jwt;
  const file = ctx.plan?.file ?? 'plan';
  const real = [...ctx.identities.values()][0]?.token;
  const v: Variant[] = [
    { kind: 'garbage-token', what: 'a garbage token', token: async () => 'not-a-jwt.vigil-validate' },
    { kind: 'alg-none', what: 'an alg:none token', token: async () => unsignedToken(claimsFor(key, { sub: 'admin' })) },
    { kind: 'foreign-key', what: 'a token signed with another key', token: () => foreignKeyToken(claimsFor(key), key?.algorithm) },
  ];
  if (real && real.split('.').length === 3) v.push({ kind: 'tampered-token', what: "a real token with its payload changed after signing", token: async () => tamperedToken(real) });
  if (key) {
    const now = Math.floor(Date.now() / 1000);
    v.push({ kind: 'expired-token', what: 'a correctly signed token that expired an hour ago', token: () => signWithPlanKey(key, claimsFor(key, { iat: now - 7200, exp: now - 3600 }), file) });
    if (slot.audience || key.audience) v.push({ kind: 'wrong-audience', what: 'a correctly signed token for another audience', token: () => signWithPlanKey(key, claimsFor(key, { aud: 'vigil-validate-other-api' }), file) });
    if (slot.issuer || key.issuer) v.push({ kind: 'wrong-issuer', what: 'a correctly signed token from another issuer', token: () => signWithPlanKey(key, claimsFor(key, { iss: 'https://issuer.vigil-validate.invalid' }), file) });
  }
  return v;
}

/** Every route that requires a credential refuses requests without a valid one. */
export function authenticationChecks(ctx: ValidateContext): CheckDef[] {
  const out: CheckDef[] = [];
  for (const t of ctx.targets) {
    const method = readMethod(t);
    if (!needsAuth(t, method)) continue;
    const auth = t.settings.auth;
    if (t.fromPolicy && typeof auth === 'object' && (auth.mode ?? t.settings.mode) === 'monitor') {
      ctx.skipped.push({ control: 'authentication', route: t.name, reason: 'auth runs in monitor mode: refusals are not expected' });
      continue;
    }
    const slots = slotsOf(ctx, t, method);
    const base = baseProbe(ctx, t, method, false);
    const id = (kind: string) => `authentication.${slug(t.name)}.${kind}`;
    const add = (kind: string, what: string, probe: () => Promise<Probe | undefined>, shown: string) =>
      out.push({
        id: id(kind),
        control: 'authentication',
        route: t.name,
        expected: `${method} ${t.path} with ${what} is refused (401/403)`,
        probes: [`${method} ${t.path} (${shown})`],
        run: async () => {
          const p = await probe();
          if (!p) return { status: 'error', observed: 'could not build the probe', evidence: [] };
          const r = await ctx.prober.send(p);
          return outcome(refused(r), refused(r) ? `refused with ${r.status}` : `answered ${r.status}: the credential was accepted or not checked`, [line(p, r, shown)]);
        },
      });
    add('no-credential', 'no credential', async () => base, 'no credential');
    const seen = new Set<string>();
    for (const slot of slots) {
      if (slot.kind === 'api-key') {
        add(`wrong-api-key-${slug(slot.name)}`, `a wrong API key in ${slot.in} ${slot.name}`, async () => place(base, slot, 'vigil-validate-wrong-key'), `wrong API key in ${slot.name}`);
        continue;
      }
      for (const v of jwtVariants(ctx, slot)) {
        if (seen.has(v.kind)) continue;
        seen.add(v.kind);
        add(v.kind, v.what, async () => {
          const token = await v.token();
          return token === undefined ? undefined : place(base, slot, token);
        }, v.kind);
      }
    }
  }
  return out;
}
