import { shortName, type PyProject } from './project.js';
import { routeDecorators, receiverText } from './decorated.js';
import type { PyRouter, RouterSet } from './routers.js';
import { constructions, methodCall } from './values.js';

// FastAPI: FastAPI() apps and APIRouter(prefix=) routers, @x.get/post/…/api_route(path, methods=[...]) and
// add_api_route(), include_router(router, prefix=) on apps and routers (both prefixes apply), mount(path, sub_app).
// FastAPI(root_path=...) is not a route prefix: it tells the app the path a proxy strips before requests reach it.

const CONSTRUCTORS = new Set(['fastapi.FastAPI', 'fastapi.APIRouter']);
const SHORTCUTS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'trace'];

function upper(list: string[] | undefined): string[] | undefined {
  return list?.map((m) => m.toUpperCase());
}

export function collectFastApiObjects(project: PyProject, set: RouterSet): void {
  for (const f of project.facts.values()) {
    for (const [name, list] of f.assignments) {
      for (const a of list) {
        const call = a.op === '=' ? constructions(a.value)[0] : undefined;
        if (!call) continue;
        const kind = shortName(project.externalName(f.file, call.callee));
        if (!CONSTRUCTORS.has(kind)) continue;
        set.create(`${f.file}#${name}`, 'fastapi', kind === 'fastapi.APIRouter' ? set.ownPrefixArg(f.file, call.kwargs.get('prefix')) : '');
      }
    }
  }
}

export function collectFastApiRoutes(project: PyProject, set: RouterSet): void {
  for (const f of project.facts.values()) {
    const implicit = f.packages.has('fastapi');
    for (const d of routeDecorators(f, new Set(['api_route', ...SHORTCUTS]))) {
      let targets = set.objectsFor(f.file, d.receiver, d.scope).filter((o) => o.framework === 'fastapi');
      const path = project.str(f.file, d.call.args[0] ?? d.call.kwargs.get('path'));
      if (path === undefined) continue;
      if (targets.length === 0) {
        if (!implicit || !path.startsWith('/') || d.target) continue;
        targets = [set.create(`${f.file}#${receiverText(d.receiver)}`, 'fastapi', '')];
      }
      const methods = d.method === 'api_route' ? (upper(project.strList(f.file, d.call.kwargs.get('methods'))) ?? ['GET']) : [d.method.toUpperCase()];
      for (const t of targets) for (const m of methods) t.routes.push({ method: m, path, file: f.file, line: d.line });
    }
    for (const { call, scope } of f.calls) {
      const mc = methodCall(call);
      if (!mc) continue;
      const parents = (): PyRouter[] => set.objectsFor(f.file, mc.receiver, scope).filter((o) => o.framework === 'fastapi');
      if (mc.method === 'include_router' || mc.method === 'mount') {
        const childArg = mc.method === 'mount' ? (call.args[1] ?? call.kwargs.get('app')) : (call.args[0] ?? call.kwargs.get('router'));
        const prefixArg = mc.method === 'mount' ? (call.args[0] ?? call.kwargs.get('path')) : call.kwargs.get('prefix');
        const prefix = set.ownPrefixArg(f.file, prefixArg);
        const children = childArg ? set.objectsFor(f.file, childArg, scope).filter((o) => o.framework === 'fastapi') : [];
        for (const p of parents()) for (const c of children) if (c !== p) p.mounts.push({ prefix, child: c, replacesOwn: false });
      } else if (mc.method === 'add_api_route') {
        const path = project.str(f.file, call.args[0] ?? call.kwargs.get('path'));
        if (path === undefined) continue;
        const methods = upper(project.strList(f.file, call.kwargs.get('methods'))) ?? ['GET'];
        for (const p of parents()) for (const m of methods) p.routes.push({ method: m, path, file: f.file, line: call.line });
      }
    }
  }
}

