// Matches a request (host, method, path) to the most specific configured route.

export interface RouteEntry<T> {
  host?: string;
  methods?: readonly string[];
  template: string;
  value: T;
}

interface CompiledRoute<T> {
  host?: string;
  methods?: Set<string>;
  /** A literal segment, a named parameter, or a trailing catch-all `{rest*}`. */
  segments: ({ kind: 'static'; text: string } | { kind: 'param'; name: string } | { kind: 'rest'; name: string })[];
  template: string;
  value: T;
  specificity: number[];
}

export interface RouteHit<T> {
  value: T;
  template: string;
  params: Record<string, string>;
}

function compile<T>(e: RouteEntry<T>): CompiledRoute<T> {
  const segments = e.template === '/' ? [] : e.template.slice(1).split('/').map((s) => {
    if (s.startsWith('{') && s.endsWith('*}')) return { kind: 'rest' as const, name: s.slice(1, -2) };
    if (s.startsWith('{') && s.endsWith('}')) return { kind: 'param' as const, name: s.slice(1, -1) };
    return { kind: 'static' as const, text: s };
  });
  const statics = segments.filter((s) => s.kind === 'static').length;
  const hasRest = segments.some((s) => s.kind === 'rest') ? 0 : 1;
  return {
    host: e.host?.toLowerCase(),
    methods: e.methods ? new Set(e.methods) : undefined,
    segments,
    template: e.template,
    value: e.value,
    // most specific first: a host, no catch-all, more literal segments, more segments, a method list
    specificity: [e.host ? 1 : 0, hasRest, statics, segments.length, e.methods ? 1 : 0],
  };
}

function compareSpecificity(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

export class RouteTable<T> {
  private readonly routes: CompiledRoute<T>[];

  constructor(entries: readonly RouteEntry<T>[]) {
    // a stable sort keeps the file's order among equally specific routes
    this.routes = entries.map(compile).sort((a, b) => compareSpecificity(a.specificity, b.specificity));
  }

  /** `path` must already be normalised (see normalisePath). */
  match(host: string, method: string, path: string): RouteHit<T> | undefined {
    const parts = path === '/' ? [] : path.slice(1).split('/');
    const hostname = stripPort(host).toLowerCase();
    for (const r of this.routes) {
      if (r.host !== undefined && r.host !== hostname) continue;
      if (r.methods && !r.methods.has(method)) continue;
      const params = matchSegments(r, parts);
      if (params) return { value: r.value, template: r.template, params };
    }
    return undefined;
  }
}

function matchSegments<T>(r: CompiledRoute<T>, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < r.segments.length; i++) {
    const seg = r.segments[i]!;
    if (seg.kind === 'rest') {
      params[seg.name] = parts.slice(i).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (seg.kind === 'static') {
      if (seg.text !== part) return undefined;
    } else {
      if (part === '') return undefined;
      params[seg.name] = part;
    }
  }
  return parts.length === r.segments.length ? params : undefined;
}

function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end > 0 ? host.slice(1, end) : host;
  }
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}
