import type { ValidateContext } from '../model/context.js';
import { line, type Probe } from '../net/prober.js';
import type { CheckDef } from '../types.js';
import { outcome, slug, WRITES } from './request.js';

/** The plan's explicit expectations: this request, as this identity, gets this status. */
export function expectationChecks(ctx: ValidateContext): CheckDef[] {
  return (ctx.plan?.expect ?? []).map((e) => {
    const method = (e.request.method ?? 'GET').toUpperCase();
    const who = e.identity ? ctx.identities.get(e.identity) : undefined;
    const body = e.request.body === undefined ? (WRITES.has(method) ? '{}' : undefined) : JSON.stringify(e.request.body);
    const probe: Probe = { method, path: e.request.path, headers: { ...e.request.headers, ...who?.headers }, body };
    const statuses = Array.isArray(e.status) ? e.status : [e.status];
    return {
      id: `expectation.${slug(e.name)}`,
      control: 'expectation',
      route: e.request.path,
      expected: `${e.name}: ${method} ${e.request.path}${who ? ` as ${who.name}` : ''} answers ${statuses.join(' or ')}`,
      probes: [`${method} ${e.request.path}${who ? ` as ${who.name}` : ''}`],
      run: async () => {
        const r = await ctx.prober.send(probe);
        return outcome(statuses.includes(r.status), `answered ${r.status}`, [line(probe, r, who?.name ?? '')]);
      },
    };
  });
}
