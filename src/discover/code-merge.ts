import type { CodeRoute } from './code/route-model.js';
import type { CodeLocation, DiscoveryFinding, EndpointEntry } from './report-model.js';

// The code view merged into a discovery report: traffic and spec endpoints that a route in the code declares get
// "code" in their sources and the route's file:line; routes nothing called (and no spec describes) are listed as
// unused; traffic no route declares gets a low `not-in-code` finding (a proxy, a framework vigil does not parse, or
// a path built at run time).

/** A route template as segments, parameters as null: /users/{id} and /users/{userId} compare equal. */
type Shape = (string | null)[];

function shape(path: string): Shape {
  return path
    .split('?')[0]!
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (/^\{[^}]*\}$/.test(s) ? null : s));
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Whether a concrete request path fits a code route: a parameter takes one segment, a trailing `*` the rest. */
function fits(route: Shape, path: Shape): boolean {
  for (let i = 0; i < route.length; i++) {
    const r = route[i];
    if (r === '*' && i === route.length - 1) return path.length > i;
    const p = path[i];
    if (p === undefined) return false;
    if (r === '*' || r === null) continue;
    if (r !== p) return false;
  }
  return route.length === path.length;
}

function methodFits(route: CodeRoute, method: string): boolean {
  return route.method === 'ANY' || route.method === method.toUpperCase();
}

/** Fewer parameters and wildcards first: /users/me before /users/{id}. */
function specificity(s: Shape): number {
  return s.filter((x) => x === null || x === '*').length;
}

interface IndexedRoute {
  route: CodeRoute;
  shape: Shape;
  used: boolean;
}

export interface CodeMergeInput {
  entries: EndpointEntry[];
  findings: DiscoveryFinding[];
  /** Request paths seen for a traffic entry (its examples). */
  examples: (entry: EndpointEntry) => string[];
  routes: CodeRoute[];
}

function location(r: CodeRoute): CodeLocation {
  return { file: r.file, line: r.line, framework: r.framework };
}

function matching(routes: IndexedRoute[], method: string, template: string, examples: string[]): IndexedRoute[] {
  const candidates = routes.filter((r) => methodFits(r.route, method));
  const t = shape(template);
  const exact = candidates.filter((r) => sameShape(r.shape, t));
  if (exact.length > 0) return exact;
  // the traffic template may keep a value literal (one request to /users/alice): match the requests themselves
  for (const path of examples) {
    const p = shape(path);
    const hits = candidates.filter((r) => fits(r.shape, p));
    if (hits.length > 0) {
      const best = Math.min(...hits.map((h) => specificity(h.shape)));
      return hits.filter((h) => specificity(h.shape) === best);
    }
  }
  return [];
}

export function mergeCode({ entries, findings, examples, routes }: CodeMergeInput): void {
  const indexed: IndexedRoute[] = routes.map((route) => ({ route, shape: shape(route.path), used: false }));
  for (const entry of entries) {
    const traffic = entry.sources.includes('traffic');
    // spec-only entries: the path with the spec's base path
    const hits = matching(indexed, entry.method, entry.path, traffic ? examples(entry) : []);
    if (hits.length > 0) {
      for (const h of hits) h.used = true;
      entry.sources = [...entry.sources, 'code'];
      entry.code = hits.map((h) => location(h.route));
    } else if (traffic) {
      findings.push({
        type: 'not-in-code',
        severity: 'low',
        method: entry.method,
        path: entry.path,
        detail: `called ${entry.requests} times but declared by no route found in the code (a proxy, a framework vigil does not parse, or a path built at run time)`,
      });
    }
  }
  // routes nothing matched: one entry per method and template, with every place that declares it
  const unused = new Map<string, IndexedRoute[]>();
  for (const r of indexed) {
    if (r.used) continue;
    const key = `${r.route.method} ${r.shape.map((s) => s ?? '{}').join('/')}`;
    unused.set(key, [...(unused.get(key) ?? []), r]);
  }
  for (const group of unused.values()) {
    const first = group[0]!.route;
    entries.push({
      method: first.method,
      host: '',
      path: first.path,
      status: 'unused',
      sources: ['code'],
      auth: [],
      sensitive: [],
      requests: 0,
      errorRate: 0,
      statuses: {},
      parameters: [...first.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1]!, in: 'path' as const, required: true, schema: { type: 'string' }, samples: 0 })),
      responses: {},
      fields: [],
      code: group.map((g) => location(g.route)),
    });
    findings.push({
      type: 'unused',
      severity: 'low',
      method: first.method,
      path: first.path,
      detail: `declared at ${group.map((g) => `${g.route.file}:${g.route.line}`).join(', ')} but never called and described in no spec`,
    });
  }
}
