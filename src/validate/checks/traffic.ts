import { parseCidr } from '../../net/cidr.js';
import type { ValidateContext } from '../model/context.js';
import { modeOf, readMethod, type RouteTarget } from '../model/targets.js';
import { line, type Probe } from '../net/prober.js';
import type { CheckDef } from '../types.js';
import { baseProbe, ok, outcome, refused, slug } from './request.js';

const SPOOF_HEADERS: [string, (ip: string) => string][] = [
  ['x-forwarded-for', (ip) => ip],
  ['forwarded', (ip) => `for=${ip.includes(':') ? `"[${ip}]"` : ip}`],
  ['x-real-ip', (ip) => ip],
  ['true-client-ip', (ip) => ip],
  ['x-client-ip', (ip) => ip],
];

/** Public addresses believed to be in these countries, to impersonate a client from an allowed country. */
const COUNTRY_ADDRESS: Record<string, string> = { US: '8.8.8.8', DE: '80.156.86.1', FR: '212.27.48.10', GB: '212.58.244.1', NL: '145.97.39.155', JP: '210.130.1.1', CA: '206.167.1.1' };

/** An address inside the first CIDR of the list (its network address + 1 for IPv4). */
function addressIn(cidr: string): string | undefined {
  if (!parseCidr(cidr)) return undefined;
  const [ip] = cidr.split('/');
  if (!ip) return undefined;
  const parts = ip.split('.');
  if (parts.length === 4 && cidr.includes('/')) parts[3] = String(Math.min(254, Number(parts[3]) + 1));
  return parts.length === 4 ? parts.join('.') : ip;
}

function spoofCheck(ctx: ValidateContext, t: RouteTarget, rule: 'ip' | 'geo', spoofed: string, header: string, value: string): CheckDef {
  const method = readMethod(t);
  const base = baseProbe(ctx, t, method);
  const probe: Probe = { ...base, headers: { ...base.headers, [header]: value } };
  return {
    id: `traffic-filter.${rule}-spoof.${slug(t.name)}.${header}`,
    control: 'traffic-filter',
    route: t.name,
    expected: `the ${rule} rule still refuses us when ${header} claims ${spoofed}`,
    probes: [`${method} ${t.path} (baseline)`, `${method} ${t.path} with ${header}: ${value}`],
    run: async () => {
      const b = await ctx.prober.send(base);
      const r = await ctx.prober.send(probe);
      const evidence = [line(base, b, 'baseline'), line(probe, r, `${header}: ${value}`)];
      if (!refused(b)) return { status: 'error', observed: `the baseline request was not refused (${b.status}): nothing to bypass from here`, evidence };
      return outcome(refused(r), refused(r) ? `still refused (${r.status})` : `bypassed: ${header} made the gateway believe the client is ${spoofed} (${r.status})`, evidence);
    },
  };
}

/** IP and geo rules cannot be bypassed with client-written forwarding headers; the origin is not reachable directly. */
export function trafficChecks(ctx: ValidateContext): CheckDef[] {
  const out: CheckDef[] = [];
  for (const t of ctx.targets) {
    const ip = t.settings.ip;
    if (ip && modeOf(t, ip) === 'enforce') {
      const spoofed = ip.allow?.length ? addressIn(ip.allow[0]!) : '203.0.113.77';
      // from loopback only an allow-list (or a deny of loopback) refuses us; otherwise there is nothing to bypass
      if (spoofed && ip.allow?.length) for (const [h, v] of SPOOF_HEADERS) out.push(spoofCheck(ctx, t, 'ip', spoofed, h, v(spoofed)));
      else ctx.skipped.push({ control: 'traffic-filter', route: t.name, reason: 'ip rule has no allow list: the prober is not refused by it, so a bypass cannot be shown' });
    }
    const geo = t.settings.geo;
    if (geo && modeOf(t, geo) === 'enforce') {
      const country = geo.allow_countries?.find((c) => COUNTRY_ADDRESS[c]);
      if (country && !ip?.allow?.length) for (const [h, v] of SPOOF_HEADERS) out.push(spoofCheck(ctx, t, 'geo', `${COUNTRY_ADDRESS[country]!} (${country})`, h, v(COUNTRY_ADDRESS[country]!)));
      else ctx.skipped.push({ control: 'traffic-filter', route: t.name, reason: country ? 'geo rule is shadowed by the ip allow list' : 'geo rule has no allow list the prober can impersonate (deny lists cannot be tested from here)' });
    }
  }
  const origin = ctx.plan?.origin;
  const first = ctx.targets[0];
  if (origin && first) {
    const probe: Probe = { ...baseProbe(ctx, first, readMethod(first)), base: origin };
    out.push({
      id: 'traffic-filter.origin-direct',
      control: 'traffic-filter',
      route: first.name,
      expected: `the origin ${origin} does not answer requests that bypass the gateway`,
      probes: [`${probe.method} ${origin}${first.path}`],
      run: async () => {
        const r = await ctx.prober.trySend(probe);
        const open = r.status !== 0 && !refused(r);
        return outcome(!open, open ? `the origin answered ${r.status} directly` : r.status === 0 ? `no answer (${r.body})` : `refused (${r.status})`, [
          r.status === 0 ? `${probe.method} ${origin}${first.path} -> ${r.body}` : line(probe, r, 'direct to origin'),
          ...(ok(r) ? ['a 2xx answer means the gateway can be bypassed entirely'] : []),
        ]);
      },
    });
  }
  return out;
}
