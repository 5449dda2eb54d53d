import type { CodeRoute } from '../route-model.js';
import type { GoFramework } from './go-frameworks.js';
import { joinGoPaths } from './go-paths.js';

// Router objects found in Go code and how they join: routes registered on a node, mounts (groups, sub-routers,
// functions called with a router) from node to node with a prefix, and aliases (a function's returned router,
// a package variable or struct field assigned a router) merged into one node. Linking walks from every node that
// nothing mounts and joins the prefixes on the way.

export interface RouteRecord {
  methods: string[];
  /** Normalised ({param}) path, relative to the node's prefix. */
  path: string;
  /** net/http subtree patterns ("/static/") keep their slash. */
  keepTrailingSlash: boolean;
  file: string;
  line: number;
  framework: GoFramework;
}

interface MountRecord {
  from: string;
  to: string;
  prefix: string;
  /** Reported on `from` instead when `to` turns out to hold no routes (a handler that is not a router). */
  fallback?: RouteRecord;
}

export class RouterGraph {
  private readonly parent = new Map<string, string>();
  private readonly routes: { node: string; route: RouteRecord }[] = [];
  private readonly mounts: MountRecord[] = [];

  find(node: string): string {
    let cur = node;
    for (let next = this.parent.get(cur); next !== undefined && next !== cur; next = this.parent.get(cur)) cur = next;
    if (cur !== node) this.parent.set(node, cur);
    return cur;
  }

  alias(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }

  addRoute(node: string, route: RouteRecord): RouteRecord {
    this.routes.push({ node, route });
    return route;
  }

  mount(from: string, to: string, prefix: string, fallback?: RouteRecord): void {
    this.mounts.push(fallback ? { from, to, prefix, fallback } : { from, to, prefix });
  }

  link(relativeFile: (file: string) => string): CodeRoute[] {
    const routesOf = new Map<string, RouteRecord[]>();
    const addTo = (node: string, r: RouteRecord): void => {
      const key = this.find(node);
      const list = routesOf.get(key);
      if (list) list.push(r);
      else routesOf.set(key, [r]);
    };
    for (const { node, route } of this.routes) addTo(node, route);
    const edges = this.mounts.map((m) => ({ ...m, from: this.find(m.from), to: this.find(m.to) })).filter((m) => m.from !== m.to || m.prefix !== '');
    const parents = new Map<string, string[]>();
    for (const e of edges) parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
    // nodes holding routes, and every node that reaches one through mounts
    const contentful = (): Set<string> => {
      const has = new Set<string>(routesOf.keys());
      const queue = [...has];
      for (let node = queue.pop(); node !== undefined; node = queue.pop())
        for (const p of parents.get(node) ?? [])
          if (!has.has(p)) {
            has.add(p);
            queue.push(p);
          }
      return has;
    };
    const before = contentful();
    for (const e of edges) if (!before.has(e.to) && e.fallback) addTo(e.from, e.fallback);
    const hasContent = contentful();
    const children = new Map<string, { prefix: string; to: string }[]>();
    const mounted = new Set<string>();
    for (const e of edges) {
      if (!hasContent.has(e.to)) continue;
      const list = children.get(e.from);
      if (list) list.push({ prefix: e.prefix, to: e.to });
      else children.set(e.from, [{ prefix: e.prefix, to: e.to }]);
      if (e.from !== e.to) mounted.add(e.to);
    }
    const out = new Map<string, CodeRoute>();
    const walk = (node: string, prefix: string, stack: Set<string>): void => {
      if (stack.has(node) || stack.size > 64) return;
      stack.add(node);
      for (const r of routesOf.get(node) ?? [])
        for (const method of r.methods) {
          const route: CodeRoute = { method, path: joinGoPaths(prefix, r.path, r.keepTrailingSlash), file: relativeFile(r.file), line: r.line, framework: r.framework };
          out.set(`${route.method} ${route.path} ${route.file}:${route.line}`, route);
        }
      for (const c of children.get(node) ?? []) walk(c.to, joinGoPaths(prefix, c.prefix), stack);
      stack.delete(node);
    };
    for (const node of new Set([...routesOf.keys(), ...children.keys()])) if (!mounted.has(node)) walk(node, '', new Set());
    return [...out.values()];
  }
}
