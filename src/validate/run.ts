import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { RouteDefaults, VigilConfig } from '../config/types.js';
import type { ValidationPlan } from './plan/plan-types.js';
import type { ValidateContext } from './model/context.js';
import { resolveIdentities, type Identity } from './model/identities.js';
import { readSpecInfo, type SpecInfo } from './model/spec-info.js';
import { policyTargets, specTargets } from './model/targets.js';
import { Prober } from './net/prober.js';
import { RateCap } from './net/rate-cap.js';
import { targetRefusal } from './net/target-allowlist.js';
import { attackChecks } from './checks/attacks.js';
import { authenticationChecks } from './checks/authentication.js';
import { authorizationChecks } from './checks/authorization.js';
import { expectationChecks } from './checks/expectations.js';
import { exposureChecks } from './checks/exposure.js';
import { monitorChecks } from './checks/monitor-detection.js';
import { rateLimitChecks } from './checks/rate-limit.js';
import { schemaChecks } from './checks/schema.js';
import { trafficChecks } from './checks/traffic.js';
import type { CheckDef, CheckResult, ControlKind, SkipNote, ValidationReport } from './types.js';

export interface ValidateOptions {
  target: string;
  /** The policy the target is meant to enforce: the source of expectations. */
  config?: VigilConfig;
  specFile?: string;
  plan?: ValidationPlan;
  ratePerSecond: number;
  allowTargets?: string[];
  eventsDeadlineMs?: number;
  runId?: string;
  /** Only checks of these controls (all when absent). */
  controls?: ControlKind[];
}

export class TargetNotAllowed extends Error {}

function specResolver(o: ValidateOptions): (settings: RouteDefaults) => SpecInfo | undefined {
  const cache = new Map<string, SpecInfo>();
  const load = (file: string) => cache.get(file) ?? cache.set(file, readSpecInfo(file)).get(file)!;
  const cfg = o.config;
  return (settings) => {
    if (o.specFile) return load(o.specFile);
    if (!cfg) return undefined;
    const name = settings.schema?.spec ?? (Object.keys(cfg.specs).length === 1 ? Object.keys(cfg.specs)[0] : undefined);
    const file = name === undefined ? undefined : cfg.specs[name];
    return file === undefined ? undefined : load(resolve(cfg.baseDir, file));
  };
}

/** Placeholder identities for --dry-run: nothing is sent, so nobody logs in. */
function dryIdentities(plan: ValidationPlan | undefined): Map<string, Identity> {
  return new Map(
    Object.entries(plan?.identities ?? {}).map(([name, s]) => [name, { name, admin: s.admin ?? false, token: `<${name}>`, headers: { authorization: `Bearer <token of ${name}>` } }]),
  );
}

export interface Derived {
  ctx: ValidateContext;
  checks: CheckDef[];
}

/** Builds the context and every check, without sending anything unless identities must log in. */
export async function deriveChecks(o: ValidateOptions, dryRun: boolean): Promise<Derived> {
  const target = new URL(o.target);
  for (const url of [o.target, o.plan?.origin].filter((u): u is string => u !== undefined)) {
    const why = targetRefusal(new URL(url), o.allowTargets ?? []);
    if (why) throw new TargetNotAllowed(why);
  }
  const runId = o.runId ?? `vv-${randomBytes(5).toString('hex')}`;
  const prober = new Prober(target, runId, new RateCap(o.ratePerSecond));
  const specFor = specResolver(o);
  const targets = o.config ? policyTargets(o.config, specFor) : o.specFile ? specTargets(specFor({})!) : [];
  const skipped: SkipNote[] = [];
  if (targets.length === 0) skipped.push({ control: 'expectation', route: '*', reason: 'no policy (-c) and no spec (--spec): only the plan\'s checks run' });
  const ctx: ValidateContext = {
    prober,
    config: o.config,
    plan: o.plan,
    identities: dryRun ? dryIdentities(o.plan) : await resolveIdentities(o.plan, prober),
    targets,
    skipped,
    eventsFile: o.config?.events?.file ? resolve(o.config.baseDir, o.config.events.file) : undefined,
    eventsDeadlineMs: o.eventsDeadlineMs ?? 5000,
  };
  const all = [
    ...authenticationChecks(ctx),
    ...authorizationChecks(ctx),
    ...trafficChecks(ctx),
    ...schemaChecks(ctx),
    ...attackChecks(ctx),
    ...monitorChecks(ctx),
    ...exposureChecks(ctx),
    ...expectationChecks(ctx),
    ...rateLimitChecks(ctx, o.ratePerSecond),
  ];
  const checks = o.controls ? all.filter((c) => o.controls!.includes(c.control)) : all;
  if (o.controls) ctx.skipped = ctx.skipped.filter((s) => o.controls!.includes(s.control));
  return { ctx, checks };
}

async function runOne(c: CheckDef): Promise<CheckResult> {
  const head = { id: c.id, control: c.control, route: c.route, expected: c.expected };
  try {
    return { ...head, ...(await c.run()) };
  } catch (e) {
    return { ...head, status: 'error', observed: `the check could not run: ${(e as Error).message}`, evidence: [] };
  }
}

/** Sends every probe and compares what happened with what should happen. Rate-limit checks run last. */
export async function runValidation(o: ValidateOptions): Promise<ValidationReport> {
  const startedAt = new Date().toISOString();
  const { ctx, checks } = await deriveChecks(o, false);
  const results: CheckResult[] = [];
  for (const c of [...checks.filter((x) => !x.late), ...checks.filter((x) => x.late)]) results.push(await runOne(c));
  return { runId: ctx.prober.runId, target: o.target, startedAt, finishedAt: new Date().toISOString(), checks: results, skipped: ctx.skipped };
}
