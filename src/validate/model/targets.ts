import type { Mode, RouteDefaults, VigilConfig } from '../../config/types.js';
import type { SpecInfo, SpecOperation } from './spec-info.js';

/** One route to probe: a policy route (merged with the defaults) or, without a policy, a spec path. */
export interface RouteTarget {
  name: string;
  template: string;
  methods: string[];
  /** The template with its parameters filled: /api/orders/1. */
  path: string;
  settings: RouteDefaults;
  fromPolicy: boolean;
  spec?: SpecInfo;
}

const WRITES = ['POST', 'PUT', 'PATCH'];

export function fillTemplate(template: string): string {
  return template.replace(/\{[^}]+\*\}/g, 'validate').replace(/\{[^}]+\}/g, '1');
}

/** The effective mode of a control block, as the compiler decides it. */
export function modeOf(t: RouteTarget, block?: { mode?: Mode }): Mode {
  const route = t.settings.mode ?? 'enforce';
  return route === 'off' ? 'off' : (block?.mode ?? route);
}

export function operationOf(t: RouteTarget, method: string): SpecOperation | undefined {
  return t.spec?.find(method, t.path);
}

export function readMethod(t: RouteTarget): string {
  return t.methods.includes('GET') ? 'GET' : t.methods[0]!;
}

export function writeMethod(t: RouteTarget): string | undefined {
  return t.methods.find((m) => WRITES.includes(m));
}

function merge(defaults: RouteDefaults, route: RouteDefaults): RouteDefaults {
  const out: RouteDefaults = { ...defaults };
  for (const [k, v] of Object.entries(route)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function policyTargets(cfg: VigilConfig, specFor: (settings: RouteDefaults) => SpecInfo | undefined): RouteTarget[] {
  return cfg.routes.map((r) => {
    const { name, match, ...own } = r;
    const settings = merge(cfg.defaults, own);
    const spec = specFor(settings);
    const path = fillTemplate(match.path);
    const specMethods = spec ? spec.operations.filter((o) => spec.find(o.method, path) === o).map((o) => o.method) : [];
    const methods = match.methods?.map((m) => m.toUpperCase()) ?? (specMethods.length > 0 ? specMethods : ['GET']);
    return { name, template: match.path, methods, path, settings, fromPolicy: true, spec };
  });
}

export function specTargets(spec: SpecInfo): RouteTarget[] {
  const byTemplate = new Map<string, RouteTarget>();
  for (const op of spec.operations) {
    const t = byTemplate.get(op.template) ?? { name: op.template, template: op.template, methods: [], path: fillTemplate(op.template), settings: {}, fromPolicy: false, spec };
    t.methods.push(op.method);
    byTemplate.set(op.template, t);
  }
  return [...byTemplate.values()];
}
