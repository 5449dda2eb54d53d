import type { ValidationPlan } from '../plan/plan-types.js';
import { secretValue } from '../plan/load-plan.js';
import type { Prober } from '../net/prober.js';

/** An identity whose token could not be obtained: the run cannot play it. */
export class IdentityError extends Error {}

export interface Identity {
  name: string;
  admin: boolean;
  /** Headers that present this identity's credential. */
  headers: Record<string, string>;
  token: string;
}

function pointer(value: unknown, ptr: string): unknown {
  return ptr
    .slice(1)
    .split('/')
    .reduce<unknown>((node, seg) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[seg] : undefined), value);
}

/** Tokens of the plan's identities: given, or obtained by logging in through the target. */
export async function resolveIdentities(plan: ValidationPlan | undefined, prober: Prober): Promise<Map<string, Identity>> {
  const out = new Map<string, Identity>();
  for (const [name, spec] of Object.entries(plan?.identities ?? {})) {
    let token: string;
    if (spec.token !== undefined) token = secretValue(spec.token, `${plan!.file}: identities.${name}.token`);
    else {
      const login = spec.login!;
      let r;
      try {
        r = await prober.send({ method: login.method ?? 'POST', path: login.path, body: JSON.stringify(login.body) });
      } catch (e) {
        throw new IdentityError(`identity ${name}: cannot log in at ${prober.target.origin}${login.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      let answer: unknown;
      try {
        answer = JSON.parse(r.body);
      } catch {
        answer = undefined;
      }
      const found = pointer(answer, login.token_pointer ?? '/token');
      if (typeof found !== 'string') throw new IdentityError(`identity ${name}: login at ${login.path} answered ${r.status} without a token at ${login.token_pointer ?? '/token'}`);
      token = found;
    }
    const header = (spec.header ?? 'authorization').toLowerCase();
    out.set(name, { name, admin: spec.admin ?? false, token, headers: { [header]: header === 'authorization' ? `Bearer ${token}` : token } });
  }
  return out;
}

/** The two non-admin identities the authorization checks play against each other. */
export function twoUsers(ids: Map<string, Identity>): [Identity, Identity] | undefined {
  const users = [...ids.values()].filter((i) => !i.admin);
  return users.length >= 2 ? [users[0]!, users[1]!] : undefined;
}
