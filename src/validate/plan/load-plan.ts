import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { LocatedError, instancePathKeys, keyPath, parseLocatedYaml } from '../../config/located-yaml.js';
import { planSchema } from './plan-schema.js';
import type { ValidationPlan } from './plan-types.js';

/** A plan problem located in its file: `plan.yaml:7: identities.bob.login: must have required property 'path'`. */
export class PlanError extends LocatedError {}

const validate = new Ajv({ allErrors: true, strict: false }).compile(planSchema);

/** The most telling error first: a misspelt key, then a plain violation, then a failed alternative. */
function rank(e: ErrorObject): number {
  return e.keyword === 'additionalProperties' ? 0 : e.keyword === 'oneOf' || e.schemaPath.includes('/oneOf/') ? 2 : 1;
}

function describe(err: ErrorObject, path: (string | number)[]): string {
  if (err.keyword === 'additionalProperties') {
    path.push((err.params as { additionalProperty: string }).additionalProperty);
    return 'is not a known setting';
  }
  if (err.keyword === 'oneOf' || /\/oneOf\/\d+\/required$/.test(err.schemaPath)) return 'needs exactly one of the alternatives (token or login; secret or private_key_file)';
  return err.message ?? 'is invalid';
}

/** Parses and validates a plan's text; every identity reference must name a declared identity. */
export function parsePlan(text: string, file = 'plan.yaml'): ValidationPlan {
  const doc = parseLocatedYaml(text, (line, problem) => new PlanError(file, line, '', problem));
  const lineOf = doc.lineOf;
  const raw = doc.value;
  if (!validate(raw)) {
    const err = [...validate.errors!].sort((a, b) => rank(a) - rank(b))[0]!;
    const path = instancePathKeys(err.instancePath);
    const problem = describe(err, path);
    throw new PlanError(file, lineOf(path), keyPath(path), problem);
  }
  const r = raw as Partial<ValidationPlan>;
  const plan: ValidationPlan = {
    origin: r.origin,
    identities: r.identities ?? {},
    jwt: r.jwt,
    objects: r.objects ?? [],
    admin_routes: r.admin_routes ?? [],
    privilege_fields: r.privilege_fields ?? { role: 'admin', isAdmin: true },
    mass_assignment: r.mass_assignment ?? [],
    expect: r.expect ?? [],
    required_headers: r.required_headers ?? [],
    attack_routes: r.attack_routes,
    file,
  };
  const known = (name: string, path: (string | number)[]): void => {
    if (!plan.identities[name]) throw new PlanError(file, lineOf(path), keyPath(path), `unknown identity "${name}" (declared: ${Object.keys(plan.identities).join(', ') || 'none'})`);
  };
  plan.objects.forEach((o, i) => known(o.owner, ['objects', i, 'owner']));
  plan.mass_assignment.forEach((m, i) => known(m.identity, ['mass_assignment', i, 'identity']));
  plan.expect.forEach((e, i) => e.identity !== undefined && known(e.identity, ['expect', i, 'identity']));
  return plan;
}

export function loadPlan(path: string): ValidationPlan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PlanError(path, undefined, '', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parsePlan(text, path);
}

/** `env:NAME` reads the environment; a missing variable names the plan key, never a value. */
export function secretValue(value: string, where: string): string {
  if (!value.startsWith('env:')) return value;
  const name = value.slice(4);
  const v = process.env[name];
  if (v === undefined || v === '') throw new PlanError(where, undefined, '', `environment variable ${name} is not set`);
  return v;
}
