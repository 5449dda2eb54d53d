import type { ValidateContext } from '../model/context.js';
import { twoUsers, type Identity } from '../model/identities.js';
import type { RequestSpec } from '../plan/plan-types.js';
import { line, type Probe, type ProbeReply } from '../net/prober.js';
import type { CheckDef } from '../types.js';
import { ok, outcome, slug, WRITES } from './request.js';

function probeOf(r: RequestSpec, who?: Identity, body?: unknown): Probe {
  const method = (r.method ?? 'GET').toUpperCase();
  const b = body ?? r.body;
  return { method, path: r.path, headers: { ...r.headers, ...who?.headers }, body: b === undefined ? (WRITES.has(method) ? '{}' : undefined) : JSON.stringify(b) };
}

const denied = (r: ProbeReply): boolean => [401, 403, 404].includes(r.status);

function pointer(value: unknown, ptr: string): unknown {
  return ptr
    .slice(1)
    .split('/')
    .reduce<unknown>((node, seg) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[seg] : undefined), value);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** BOLA, admin-only routes and mass assignment, from the plan's identities. */
export function authorizationChecks(ctx: ValidateContext): CheckDef[] {
  const plan = ctx.plan;
  if (!plan) return [];
  const users = twoUsers(ctx.identities);
  const out: CheckDef[] = [];
  if (!users && (plan.objects.length > 0 || plan.admin_routes.length > 0))
    ctx.skipped.push({ control: 'authorization', route: '*', reason: 'the plan needs two non-admin identities for BOLA and admin-route checks' });
  if (users) {
    for (const o of plan.objects) {
      const owner = ctx.identities.get(o.owner)!;
      const other = users[0].name === owner.name ? users[1] : users[0];
      for (const method of (o.methods ?? ['GET']).map((m) => m.toUpperCase())) {
        const req: RequestSpec = { method, path: o.path, body: WRITES.has(method) ? (o.write_body ?? {}) : undefined };
        out.push({
          id: `authorization.bola.${slug(method + o.path)}`,
          control: 'authorization',
          route: o.path,
          expected: `${other.name} cannot ${method} ${o.path}, owned by ${owner.name} (401/403/404)`,
          probes: [`${method} ${o.path} as ${owner.name} (owner, baseline)`, `${method} ${o.path} as ${other.name}`],
          run: async () => {
            const mine = await ctx.prober.send(probeOf(req, owner));
            const theirs = await ctx.prober.send(probeOf(req, other));
            const evidence = [line(probeOf(req), mine, `as owner ${owner.name}`), line(probeOf(req), theirs, `as ${other.name}`)];
            if (!ok(mine) && denied(theirs)) return { status: 'error', observed: `even the owner was refused (${mine.status}); check the plan's object`, evidence };
            return outcome(denied(theirs), denied(theirs) ? `refused with ${theirs.status}` : `${other.name} got ${theirs.status}: another user's object is reachable`, evidence);
          },
        });
      }
    }
    for (const r of plan.admin_routes) {
      const method = (r.method ?? 'GET').toUpperCase();
      const user = users[0];
      out.push({
        id: `authorization.admin-route.${slug(method + r.path)}`,
        control: 'authorization',
        route: r.path,
        expected: `a normal user (${user.name}) cannot call ${method} ${r.path} (401/403/404)`,
        probes: [`${method} ${r.path} as ${user.name}`],
        run: async () => {
          const rep = await ctx.prober.send(probeOf(r, user));
          return outcome(denied(rep), denied(rep) ? `refused with ${rep.status}` : `answered ${rep.status} to a normal user`, [line(probeOf(r), rep, `as ${user.name}`)]);
        },
      });
    }
  }
  for (const [i, m] of plan.mass_assignment.entries()) {
    const who = ctx.identities.get(m.identity)!;
    const fields = plan.privilege_fields;
    const body = { ...(typeof m.create.body === 'object' && m.create.body !== null ? m.create.body : {}), ...fields };
    out.push({
      id: `authorization.mass-assignment.${i}.${slug(m.create.path)}`,
      control: 'authorization',
      route: m.create.path,
      expected: `${(m.create.method ?? 'POST').toUpperCase()} ${m.create.path} ignores or refuses privilege fields ${Object.keys(fields).join(', ')}`,
      probes: [`${(m.create.method ?? 'POST').toUpperCase()} ${m.create.path} as ${who.name} with ${JSON.stringify(fields)}`, `${(m.read.method ?? 'GET').toUpperCase()} ${m.read.path} (read back)`],
      run: async () => {
        const created = await ctx.prober.send(probeOf(m.create, who, body));
        const evidence = [line(probeOf(m.create), created, `with ${Object.keys(fields).join(', ')}`)];
        if (!ok(created)) return { status: 'pass', observed: `the write was refused (${created.status})`, evidence };
        const id = pointer(parse(created.body), m.id_pointer ?? '/id');
        const read: RequestSpec = { ...m.read, path: m.read.path.replace('{id}', encodeURIComponent(String(id ?? ''))) };
        const back = await ctx.prober.send(probeOf(read, who));
        evidence.push(line(probeOf(read), back, 'read back'));
        const obj = parse(back.body);
        const kept = Object.entries(fields).filter(([k, v]) => JSON.stringify(pointer(obj, `/${k}`)) === JSON.stringify(v));
        if (!ok(back)) return { status: 'error', observed: `could not read the object back (${back.status})`, evidence };
        if (kept.length > 0) evidence.push(`stored: ${kept.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}`);
        return outcome(kept.length === 0, kept.length === 0 ? 'privilege fields were not stored' : `the object kept ${kept.map(([k]) => k).join(', ')}`, evidence);
      },
    });
  }
  return out;
}
