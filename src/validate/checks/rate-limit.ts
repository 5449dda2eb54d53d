import type { RateLimitConfig } from '../../config/types.js';
import type { ValidateContext } from '../model/context.js';
import { modeOf, readMethod, type RouteTarget } from '../model/targets.js';
import { line, type Probe } from '../net/prober.js';
import type { CheckDef, Outcome } from '../types.js';
import { baseProbe, slug } from './request.js';

const TOLERANCE = 0.2;
/** Recovery is checked only when one token comes back within this long. */
const MAX_RECOVERY_WAIT_MS = 2000;

/** `10/s`, `600/m`, `10000/h` in tokens per second. */
export function perSecond(rate: string): number {
  const m = /^(\d+(?:\.\d+)?)\/(s|m|h)$/.exec(rate.trim());
  return m ? Number(m[1]) / { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'] : NaN;
}

function keyHeaders(ctx: ValidateContext, t: RouteTarget, rule: RateLimitConfig): Record<string, string> | string {
  if (rule.key === 'ip') return {};
  if (rule.key.startsWith('header:')) return { [rule.key.slice(7).toLowerCase()]: `vigil-validate-${ctx.prober.runId}` };
  if (rule.key === 'subject' || rule.key === 'principal') {
    const who = ctx.identities.values().next().value;
    return who ? { ...who.headers } : 'keyed by subject: the plan has no identity to send as';
  }
  return `keyed by ${rule.key}: the validator cannot hold such a key`;
}

async function burstOutcome(ctx: ValidateContext, probe: Probe, rule: RateLimitConfig, burst: number, rate: number): Promise<Outcome> {
  const started = performance.now();
  let allowed = 0;
  let sent = 0;
  let first429: number | undefined;
  const evidence: string[] = [];
  for (;;) {
    const elapsed = (performance.now() - started) / 1000;
    const ceiling = Math.ceil(burst * (1 + TOLERANCE) + rate * elapsed) + 1;
    if (sent >= ceiling) break;
    const r = await ctx.prober.send(probe);
    sent++;
    if (r.status === 429) {
      first429 = sent;
      evidence.push(line(probe, r, `request ${sent}`));
      break;
    }
    allowed++;
    if (sent === 1) evidence.push(line(probe, r, 'request 1'));
  }
  const secs = ((performance.now() - started) / 1000).toFixed(2);
  evidence.push(`${sent} request(s) in ${secs}s, ${allowed} let through; configured ${rule.rate} burst ${burst} key ${rule.key}`);
  if (first429 === undefined) return { status: 'fail', observed: `no 429 after ${sent} requests (burst ${burst} + ${Math.round(TOLERANCE * 100)}% + refill)`, evidence };
  const low = Math.floor(burst * (1 - TOLERANCE)) - 1;
  const observed = `429 after ${allowed} allowed request(s)${allowed < low ? ' (stricter than configured: a bucket drained by earlier probes?)' : ''}`;
  const interval = 1000 / rate;
  if (interval > MAX_RECOVERY_WAIT_MS) {
    evidence.push(`recovery not checked: one token takes ${(interval / 1000).toFixed(1)}s to refill`);
    return { status: 'pass', observed, evidence };
  }
  await new Promise((r) => setTimeout(r, interval * 1.5 + 50));
  const again = await ctx.prober.send(probe);
  evidence.push(line(probe, again, `after ${Math.round(interval * 1.5 + 50)} ms`));
  const recovered = again.status !== 429;
  return { status: recovered ? 'pass' : 'fail', observed: `${observed}; ${recovered ? 'recovered' : 'still 429'} after the refill interval`, evidence };
}

/** Rate limits trigger near their burst and recover after a refill interval. */
export function rateLimitChecks(ctx: ValidateContext, capPerSecond: number): CheckDef[] {
  const out: CheckDef[] = [];
  for (const t of ctx.targets) {
    const rules = t.settings.rate_limit === undefined ? [] : Array.isArray(t.settings.rate_limit) ? t.settings.rate_limit : [t.settings.rate_limit];
    const method = readMethod(t);
    rules.forEach((rule, i) => {
      if (modeOf(t, rule) !== 'enforce') return;
      const rate = perSecond(rule.rate);
      const burst = rule.burst ?? Math.max(1, Math.ceil(rate));
      const headers = keyHeaders(ctx, t, rule);
      if (typeof headers === 'string') return void ctx.skipped.push({ control: 'rate-limit', route: t.name, reason: headers });
      if (burst > 500) return void ctx.skipped.push({ control: 'rate-limit', route: t.name, reason: `burst ${burst} is too large to exhaust politely` });
      if (capPerSecond <= rate * 1.5)
        return void ctx.skipped.push({ control: 'rate-limit', route: t.name, reason: `the probe rate cap (${capPerSecond}/s) cannot outpace ${rule.rate}: raise --rate` });
      const base = baseProbe(ctx, t, method);
      const probe: Probe = { ...base, headers: { ...base.headers, ...headers } };
      out.push({
        id: `rate-limit.${slug(t.name)}.${i}`,
        control: 'rate-limit',
        route: t.name,
        expected: `429 within burst ${burst} (±${Math.round(TOLERANCE * 100)}%) at ${rule.rate} keyed by ${rule.key}, then recovery`,
        probes: [`${method} ${t.path} up to ${Math.ceil(burst * (1 + TOLERANCE)) + 1}+ times until 429`],
        late: true,
        run: () => burstOutcome(ctx, probe, rule, burst, rate),
      });
    });
  }
  return out;
}
