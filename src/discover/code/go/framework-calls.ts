import type { GoFramework } from './go-frameworks.js';
import { normalisePattern, splitServeMuxPattern } from './go-paths.js';
import { mountable, type GorillaRouteValue, type RouterValue, type Value } from './go-values.js';
import type { RouteRecord, RouterGraph } from './router-graph.js';

// What a method call on a router does, per framework: register routes, create groups and sub-routers, mount
// handlers. Arguments arrive evaluated (string constants resolved, routers and functions known).

export interface CallSite {
  graph: RouterGraph;
  file: string;
  line: number;
  /** Node id for a router this call creates. */
  newNode: string;
  args: (Value | undefined)[];
  /** The strings of a []string{...} argument. */
  stringList(index: number): string[] | undefined;
}

const GIN_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const ECHO_METHODS = [...GIN_METHODS, 'CONNECT', 'TRACE'];
const CHI_METHODS = new Map(['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'Head', 'Connect', 'Trace'].map((m) => [m, m.toUpperCase()]));

function str(site: CallSite, i: number): string | undefined {
  const v = site.args[i];
  return v?.kind === 'string' ? v.value : undefined;
}

function route(site: CallSite, recv: RouterValue, methods: string[], path: string | undefined, keepTrailingSlash = false): RouteRecord | undefined {
  if (path === undefined || methods.length === 0) return undefined;
  return site.graph.addRoute(recv.node, { methods, path: normalisePattern(path), keepTrailingSlash, file: site.file, line: site.line, framework: recv.framework });
}

function child(site: CallSite, recv: RouterValue, prefix: string | undefined): RouterValue | undefined {
  if (prefix === undefined) return undefined;
  site.graph.mount(recv.node, site.newNode, normalisePattern(prefix));
  return { kind: 'router', node: site.newNode, framework: recv.framework };
}

/** chi.Route / chi.Group: the callback's router parameter is the new sub-router. */
function withCallback(site: CallSite, sub: RouterValue | undefined, callback: Value | undefined): RouterValue | undefined {
  if (sub && callback?.kind === 'func' && callback.routerParams[0]) site.graph.mount(sub.node, `${callback.key}#p0`, '');
  return sub;
}

function upper(list: (string | undefined)[] | undefined): string[] {
  return (list ?? []).filter((m): m is string => m !== undefined).map((m) => m.toUpperCase());
}

export function routerCall(recv: RouterValue, method: string, site: CallSite): Value | undefined {
  const handlers: Record<GoFramework, () => Value | undefined> = {
    gin: () => ginOrEchoCall(recv, method, site, GIN_METHODS),
    echo: () => ginOrEchoCall(recv, method, site, ECHO_METHODS),
    chi: () => chiCall(recv, method, site),
    'net/http': () => serveMuxCall(recv, method, site),
    gorilla: () => gorillaRouterCall(recv, method, site),
  };
  return handlers[recv.framework]();
}

function ginOrEchoCall(recv: RouterValue, method: string, site: CallSite, httpMethods: string[]): Value | undefined {
  if (httpMethods.includes(method)) route(site, recv, [method], str(site, 0));
  else if (method === 'Any') route(site, recv, ['ANY'], str(site, 0));
  else if (method === 'Handle' || method === 'Add') route(site, recv, upper([str(site, 0)]), str(site, 1));
  else if (method === 'Match') route(site, recv, upper(site.stringList(0)), str(site, 1));
  else if (method === 'Group') return child(site, recv, str(site, 0));
  else if (method === 'Use') return recv.framework === 'gin' ? recv : undefined;
  else if (recv.framework === 'gin' && (method === 'Static' || method === 'StaticFS')) route(site, recv, ['GET', 'HEAD'], withWildcard(str(site, 0), '*filepath'));
  else if (recv.framework === 'gin' && (method === 'StaticFile' || method === 'StaticFileFS')) route(site, recv, ['GET', 'HEAD'], str(site, 0));
  else if (recv.framework === 'echo' && (method === 'Static' || method === 'StaticFS')) route(site, recv, ['GET'], withWildcard(str(site, 0), '*'));
  else if (recv.framework === 'echo' && (method === 'File' || method === 'FileFS')) route(site, recv, ['GET'], str(site, 0));
  return undefined;
}

function withWildcard(prefix: string | undefined, wildcard: string): string | undefined {
  return prefix === undefined ? undefined : `${prefix.replace(/\/$/, '')}/${wildcard}`;
}

function chiCall(recv: RouterValue, method: string, site: CallSite): Value | undefined {
  const verb = CHI_METHODS.get(method);
  if (verb) route(site, recv, [verb], str(site, 0));
  else if (method === 'Method' || method === 'MethodFunc') route(site, recv, upper([str(site, 0)]), str(site, 1));
  else if (method === 'Handle' || method === 'HandleFunc') route(site, recv, ['ANY'], str(site, 0));
  else if (method === 'Route') return withCallback(site, child(site, recv, str(site, 0)), site.args[1]);
  else if (method === 'Group') return withCallback(site, child(site, recv, ''), site.args[0]);
  else if (method === 'With') return recv;
  else if (method === 'Mount') {
    const prefix = str(site, 0);
    if (prefix === undefined) return undefined;
    const fallback: RouteRecord = { methods: ['ANY'], path: normalisePattern(withWildcard(prefix, '*')!), keepTrailingSlash: false, file: site.file, line: site.line, framework: 'chi' };
    const target = mountable(site.args[1]);
    if (target) site.graph.mount(recv.node, target.node, normalisePattern(prefix), fallback);
    else site.graph.addRoute(recv.node, fallback);
  }
  return undefined;
}

function serveMuxCall(recv: RouterValue, method: string, site: CallSite): Value | undefined {
  if (method !== 'Handle' && method !== 'HandleFunc') return undefined;
  const pattern = str(site, 0);
  if (pattern === undefined) return undefined;
  const { method: verb, path } = splitServeMuxPattern(pattern);
  const record: RouteRecord = { methods: [verb], path: normalisePattern(path), keepTrailingSlash: true, file: site.file, line: site.line, framework: 'net/http' };
  const target = method === 'Handle' ? mountable(site.args[1]) : undefined;
  if (target) site.graph.mount(recv.node, target.node, target.prefix, record);
  else site.graph.addRoute(recv.node, record);
  return undefined;
}

function gorillaRouterCall(recv: RouterValue, method: string, site: CallSite): Value | undefined {
  if (['Use', 'StrictSlash', 'SkipClean', 'UseEncodedPath'].includes(method)) return recv;
  return gorillaRouteCall({ kind: 'gorillaRoute', node: recv.node }, method, site);
}

/** One step of a gorilla route chain; HandleFunc/Handle/Handler/HandlerFunc register, Subrouter opens a router. */
export function gorillaRouteCall(route: GorillaRouteValue, method: string, site: CallSite): Value | undefined {
  const at = (path: string | undefined, prefix: string | undefined): string | undefined => path ?? prefix;
  const register = (next: GorillaRouteValue, handler: Value | undefined): GorillaRouteValue => {
    const path = at(next.path, next.prefix);
    if (path === undefined) return next;
    const record: RouteRecord = {
      methods: next.methods ?? ['ANY'],
      path: normalisePattern(path),
      keepTrailingSlash: next.path === undefined,
      file: site.file,
      line: site.line,
      framework: 'gorilla',
    };
    const target = mountable(handler);
    if (target && next.path === undefined) site.graph.mount(next.node, target.node, target.prefix, record);
    else site.graph.addRoute(next.node, record);
    return { ...next, record };
  };
  switch (method) {
    case 'HandleFunc':
    case 'Handle': {
      const path = str(site, 0);
      return path === undefined ? undefined : register({ ...route, path }, site.args[1]);
    }
    case 'Handler':
    case 'HandlerFunc':
      return route.record ? route : register(route, site.args[0]);
    case 'Path':
    case 'PathPrefix': {
      const value = str(site, 0);
      if (value === undefined) return undefined;
      return method === 'Path' ? { ...route, path: value } : { ...route, prefix: value };
    }
    case 'Methods': {
      const methods = upper(site.args.map((a) => (a?.kind === 'string' ? a.value : undefined)));
      if (route.record) route.record.methods = methods;
      return { ...route, methods };
    }
    case 'Subrouter': {
      const prefix = at(route.path, route.prefix) ?? '';
      site.graph.mount(route.node, site.newNode, normalisePattern(prefix));
      return { kind: 'router', node: site.newNode, framework: 'gorilla' };
    }
    default:
      return route;
  }
}
