import { shortName, type PyProject } from './project.js';
import { regexPath } from './paths.js';
import { classRef, lineage, viewSetActions, type ClassRef } from './views.js';
import { constructions, methodCall, type PyValue } from './values.js';

// Django REST framework routers: DefaultRouter()/SimpleRouter() (and drf-nested-routers' nested routers),
// router.register(prefix, ViewSet) → the list route `prefix/` and the detail route `prefix/{lookup}/` with the
// methods of the actions the ViewSet has, and its @action(detail=…, methods=…, url_path=…) extra routes.

export interface RouterRoute {
  method: string;
  /** Path fragment relative to where the router's urls are included: `users/{pk}/`. */
  path: string;
  file: string;
  line: number;
}

interface Registration {
  prefix: string;
  viewset: ClassRef | undefined;
  file: string;
  line: number;
}

export interface DrfRouter {
  id: string;
  file: string;
  line: number;
  /** DefaultRouter serves an API root view at its own base. */
  apiRoot: boolean;
  /** Nested routers: `clients/{client_pk}/`; null when built at run time. */
  base: string | null;
  registrations: Registration[];
}

const ROUTERS: Record<string, { apiRoot: boolean; nested: boolean }> = {
  'rest_framework.DefaultRouter': { apiRoot: true, nested: false },
  'rest_framework.SimpleRouter': { apiRoot: false, nested: false },
  'rest_framework_nested.DefaultRouter': { apiRoot: true, nested: false },
  'rest_framework_nested.SimpleRouter': { apiRoot: false, nested: false },
  'rest_framework_nested.NestedSimpleRouter': { apiRoot: false, nested: true },
  'rest_framework_nested.NestedDefaultRouter': { apiRoot: true, nested: true },
  'rest_framework_extensions.ExtendedSimpleRouter': { apiRoot: false, nested: false },
  'rest_framework_extensions.ExtendedDefaultRouter': { apiRoot: true, nested: false },
};
const LIST_ACTIONS: [string, string][] = [
  ['list', 'GET'],
  ['create', 'POST'],
];
const DETAIL_ACTIONS: [string, string][] = [
  ['retrieve', 'GET'],
  ['update', 'PUT'],
  ['partial_update', 'PATCH'],
  ['destroy', 'DELETE'],
];

export class DrfRouters {
  private readonly routers = new Map<string, DrfRouter>();

  constructor(private readonly project: PyProject) {
    const nested: { router: DrfRouter; file: string; call: Extract<PyValue, { kind: 'call' }> }[] = [];
    for (const f of project.facts.values()) {
      for (const [name, list] of f.assignments) {
        for (const a of list) {
          // DefaultRouter() if settings.DEBUG else SimpleRouter(): the first router named
          const call = a.op === '=' ? constructions(a.value).find((c) => ROUTERS[shortName(project.externalName(f.file, c.callee))]) : undefined;
          if (!call) continue;
          const kind = ROUTERS[shortName(project.externalName(f.file, call.callee))];
          if (!kind) continue;
          const router: DrfRouter = { id: `${f.file}#${name}`, file: f.file, line: a.line, apiRoot: kind.apiRoot, base: '', registrations: [] };
          this.routers.set(router.id, router);
          if (kind.nested) nested.push({ router, file: f.file, call });
        }
      }
    }
    for (const f of project.facts.values()) {
      for (const { call } of f.calls) {
        const mc = methodCall(call);
        if (mc?.method !== 'register') continue;
        const router = this.routerFor(f.file, mc.receiver);
        const prefix = project.str(f.file, call.args[0] ?? call.kwargs.get('prefix'));
        const viewsetArg = call.args[1] ?? call.kwargs.get('viewset');
        if (!router || prefix === undefined || !viewsetArg) continue;
        router.registrations.push({ prefix, viewset: classRef(project, f.file, viewsetArg), file: f.file, line: call.line });
      }
    }
    for (const { router, file, call } of nested) router.base = this.nestedBase(file, call);
  }

  routerFor(file: string, v: PyValue): DrfRouter | undefined {
    const r = this.project.resolveValue(file, v);
    return r?.kind === 'def' ? this.routers.get(`${r.file}#${r.name}`) : undefined;
  }

  /** NestedSimpleRouter(parent, r'clients', lookup='client') → `clients/{client_pk}/`. */
  private nestedBase(file: string, call: Extract<PyValue, { kind: 'call' }>): string | null {
    const parent = call.args[0] ? this.routerFor(file, call.args[0]) : undefined;
    const prefix = this.project.str(file, call.args[1] ?? call.kwargs.get('parent_prefix'));
    const lookup = this.project.str(file, call.kwargs.get('lookup')) ?? 'nested';
    if (!parent || prefix === undefined || parent.base === null) return null;
    const reg = parent.registrations.find((r) => r.prefix === prefix);
    const parentPrefix = regexPath(prefix);
    if (parentPrefix === undefined) return null;
    return `${parent.base}${parentPrefix}/{${lookup}_${reg?.viewset ? this.lookup(reg.viewset) : 'pk'}}/`;
  }

  private lookup(viewset: ClassRef): string {
    for (const c of lineage(this.project, viewset).classes) {
      const v = this.project.str(c.file, c.cls.attrs.get('lookup_url_kwarg')) ?? this.project.str(c.file, c.cls.attrs.get('lookup_field'));
      if (v) return v;
    }
    return 'pk';
  }

  routes(router: DrfRouter): RouterRoute[] {
    if (router.base === null) return [];
    const out: RouterRoute[] = [];
    if (router.apiRoot) out.push({ method: 'GET', path: router.base, file: router.file, line: router.line });
    for (const reg of router.registrations) {
      const prefix = regexPath(reg.prefix);
      if (prefix === undefined || !reg.viewset) continue;
      const list = `${router.base}${prefix}/`;
      const detail = `${list}{${this.lookup(reg.viewset)}}/`;
      const actions = viewSetActions(this.project, reg.viewset);
      for (const [action, method] of LIST_ACTIONS) if (actions.has(action)) out.push({ method, path: list, file: reg.file, line: reg.line });
      for (const [action, method] of DETAIL_ACTIONS) if (actions.has(action)) out.push({ method, path: detail, file: reg.file, line: reg.line });
      for (const c of lineage(this.project, reg.viewset).classes) {
        for (const m of c.cls.methods.values()) {
          for (const d of m.decorators) {
            const v = d.value;
            const name = (v.kind === 'call' ? v.callee : v).kind === 'name' ? ((v.kind === 'call' ? v.callee : v) as { path: string[] }).path.at(-1) : undefined;
            if (name !== 'action' && name !== 'list_route' && name !== 'detail_route') continue;
            const kwargs = v.kind === 'call' ? v.kwargs : new Map<string, PyValue>();
            const detailKw = kwargs.get('detail');
            const isDetail = name === 'detail_route' || (detailKw?.kind === 'bool' && detailKw.value);
            const urlPath = regexPath(this.project.str(c.file, kwargs.get('url_path')) ?? m.name);
            if (urlPath === undefined) continue;
            const methods = this.project.strList(c.file, kwargs.get('methods')) ?? ['get'];
            for (const method of methods) out.push({ method: method.toUpperCase(), path: `${isDetail ? detail : list}${urlPath}/`, file: c.file, line: d.line });
          }
        }
      }
    }
    return out;
  }
}
