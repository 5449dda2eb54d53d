import { shortName, type PyProject } from './project.js';
import { routeDecorators, receiverText } from './decorated.js';
import type { RouterSet, PyRouter } from './routers.js';
import { classMethods, classRef } from './views.js';
import { constructions, methodCall, type PyValue } from './values.js';

// Flask (and its API extensions that register on Flask apps and blueprints):
// - Flask() / Blueprint(url_prefix=) objects, @x.route(path, methods=[...]) (GET by default), @x.get/post/… (Flask 2)
// - add_url_rule(rule, endpoint, view_func, methods=) with MethodView classes (`X.as_view('name')`)
// - register_blueprint(bp, url_prefix=) on apps and blueprints: a given url_prefix replaces the blueprint's own
// - Flask-RESTful / Flask-RESTX: Api(app, prefix=), add_resource(Resource, *urls), @api.resource, namespaces

const CONSTRUCTORS: Record<string, string> = {
  'flask.Flask': 'url_prefix',
  'flask.Blueprint': 'url_prefix',
  'apiflask.APIFlask': 'url_prefix',
  'apiflask.APIBlueprint': 'url_prefix',
  'flask_smorest.Blueprint': 'url_prefix',
  'flask_openapi3.OpenAPI': 'url_prefix',
  'flask_openapi3.APIBlueprint': 'url_prefix',
};
const APIS = new Set(['flask_restful.Api', 'flask_restx.Api', 'flask_restplus.Api', 'flask_smorest.Api']);
const NAMESPACES = new Set(['flask_restx.Namespace', 'flask_restplus.Namespace']);
const SHORTCUTS = ['get', 'post', 'put', 'patch', 'delete'];
const FLASK_PACKAGES = ['flask', 'apiflask', 'flask_smorest', 'flask_restful', 'flask_restx', 'flask_openapi3'];

/** Flask apps, blueprints, RESTful APIs and namespaces. */
export function collectFlaskObjects(project: PyProject, set: RouterSet): void {
  const apiParents: { api: PyRouter; file: string; parent: PyValue }[] = [];
  // objects
  for (const f of project.facts.values()) {
    for (const [name, list] of f.assignments) {
      for (const a of list) {
        const call = a.op === '=' ? constructions(a.value)[0] : undefined;
        if (!call) continue;
        const kind = shortName(project.externalName(f.file, call.callee));
        const id = `${f.file}#${name}`;
        if (CONSTRUCTORS[kind]) set.create(id, 'flask', set.ownPrefixArg(f.file, call.kwargs.get('url_prefix')));
        else if (APIS.has(kind)) {
          const api = set.create(id, 'flask', set.ownPrefixArg(f.file, call.kwargs.get('prefix')));
          const parent = call.args[0] ?? call.kwargs.get('app');
          if (parent) apiParents.push({ api, file: f.file, parent });
        } else if (NAMESPACES.has(kind)) {
          set.create(id, 'flask', namespacePath(project, f.file, call));
        }
      }
    }
  }
  for (const { api, file, parent } of apiParents) for (const p of set.objectsFor(file, parent)) p.mounts.push({ prefix: undefined, child: api, replacesOwn: true });
  // api.namespace('todos', path=…) creates a namespace on the api
  for (const f of project.facts.values()) {
    for (const [name, list] of f.assignments) {
      for (const a of list) {
        const mc = a.op === '=' ? methodCall(a.value) : undefined;
        if (mc?.method !== 'namespace') continue;
        const apis = set.objectsFor(f.file, mc.receiver);
        if (apis.length === 0) continue;
        const ns = set.create(`${f.file}#${name}`, 'flask', namespacePath(project, f.file, mc.call));
        for (const api of apis) api.mounts.push({ prefix: undefined, child: ns, replacesOwn: true });
      }
    }
  }
}

/** Routes and blueprint registrations, once every framework's objects exist. */
export function collectFlaskRoutes(project: PyProject, set: RouterSet): void {
  for (const f of project.facts.values()) {
    const implicit = FLASK_PACKAGES.some((p) => f.packages.has(p)) && !f.packages.has('fastapi');
    for (const d of routeDecorators(f, new Set(['route', 'resource', ...SHORTCUTS]))) {
      let targets = set.objectsFor(f.file, d.receiver, d.scope).filter((o) => o.framework === 'flask');
      const paths = (d.method === 'resource' ? d.call.args : [d.call.args[0] ?? d.call.kwargs.get('rule')]).map((p) => project.str(f.file, p));
      if (targets.length === 0) {
        if (!implicit || !paths.every((p) => p?.startsWith('/'))) continue;
        targets = [set.create(`${f.file}#${receiverText(d.receiver)}`, 'flask', '')];
      }
      let methods: string[];
      if (d.target) methods = classMethods(project, d.target);
      else if (d.method === 'route') methods = upper(project.strList(f.file, d.call.kwargs.get('methods'))) ?? ['GET'];
      else methods = [d.method.toUpperCase()];
      if (methods.length === 0) methods = ['GET'];
      for (const t of targets) for (const path of paths) if (path !== undefined) for (const m of methods) t.routes.push({ method: m, path, file: f.file, line: d.line });
    }
    for (const { call, scope } of f.calls) {
      const mc = methodCall(call);
      if (!mc) continue;
      const parents = (): PyRouter[] => set.objectsFor(f.file, mc.receiver, scope).filter((o) => o.framework === 'flask');
      if (mc.method === 'register_blueprint' || mc.method === 'add_namespace' || mc.method === 'init_app') {
        const childArg = mc.method === 'init_app' ? mc.receiver : call.args[0];
        const parentList = mc.method === 'init_app' ? (call.args[0] ? set.objectsFor(f.file, call.args[0], scope) : []) : parents();
        const prefix = set.prefixArg(f.file, call.kwargs.get(mc.method === 'add_namespace' ? 'path' : 'url_prefix') ?? (mc.method === 'add_namespace' ? call.args[1] : undefined));
        const children = childArg ? set.objectsFor(f.file, childArg, scope).filter((o) => o.framework === 'flask') : [];
        for (const p of parentList) for (const c of children) if (!p.mounts.some((m) => m.child === c && m.prefix === prefix)) p.mounts.push({ prefix, child: c, replacesOwn: true });
      } else if (mc.method === 'add_url_rule') {
        const rule = project.str(f.file, call.args[0] ?? call.kwargs.get('rule'));
        if (rule === undefined) continue;
        const view = call.kwargs.get('view_func') ?? call.args[2];
        const methods = upper(project.strList(f.file, call.kwargs.get('methods'))) ?? (view ? viewFuncMethods(project, f.file, view) : ['GET']);
        for (const p of parents()) for (const m of methods) p.routes.push({ method: m, path: rule, file: f.file, line: call.line });
      } else if (mc.method === 'add_resource') {
        const resource = call.args[0] ? classRef(project, f.file, call.args[0]) : undefined;
        const methods = resource ? classMethods(project, resource) : [];
        const urls = call.args.slice(1).map((u) => project.str(f.file, u));
        for (const p of parents()) for (const u of urls) if (u !== undefined) for (const m of methods.length ? methods : ['GET']) p.routes.push({ method: m, path: u, file: f.file, line: call.line });
      }
    }
  }
}

function namespacePath(project: PyProject, file: string, call: Extract<PyValue, { kind: 'call' }>): string | null {
  const path = call.kwargs.get('path') ?? call.args[2];
  if (path && path.kind !== 'none') return project.str(file, path) ?? null;
  const name = project.str(file, call.args[0] ?? call.kwargs.get('name'));
  return name === undefined ? null : `/${name}`;
}

function upper(list: string[] | undefined): string[] | undefined {
  return list?.map((m) => m.toUpperCase());
}

/** view_func=MyView.as_view('name') → the MethodView's handlers; plain functions answer GET. */
function viewFuncMethods(project: PyProject, file: string, view: PyValue): string[] {
  const mc = methodCall(view);
  if (mc?.method !== 'as_view') return ['GET'];
  const ref = classRef(project, file, mc.receiver);
  const methods = ref ? classMethods(project, ref) : [];
  return methods.length > 0 ? methods : ['GET'];
}
