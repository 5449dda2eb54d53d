import type { PyClass, PyFunction } from './facts.js';
import type { PyProject } from './project.js';
import { methodCall, type PyValue } from './values.js';

// Which HTTP methods a view answers: handler methods a class defines (get, post … through its project base classes),
// what well-known framework base classes provide, method-restricting decorators on function views.

export const HANDLERS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'];
const ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'];

/** Framework base classes that come with handlers, by class name. */
const BASE_METHODS: Record<string, string[]> = {
  // django.views.generic
  TemplateView: ['GET'],
  ListView: ['GET'],
  DetailView: ['GET'],
  ArchiveIndexView: ['GET'],
  YearArchiveView: ['GET'],
  MonthArchiveView: ['GET'],
  WeekArchiveView: ['GET'],
  DayArchiveView: ['GET'],
  TodayArchiveView: ['GET'],
  DateDetailView: ['GET'],
  FormView: ['GET', 'POST'],
  CreateView: ['GET', 'POST'],
  UpdateView: ['GET', 'POST'],
  DeleteView: ['GET', 'POST', 'DELETE'],
  LoginView: ['GET', 'POST'],
  PasswordChangeView: ['GET', 'POST'],
  PasswordResetView: ['GET', 'POST'],
  PasswordResetConfirmView: ['GET', 'POST'],
  // rest_framework.generics
  CreateAPIView: ['POST'],
  ListAPIView: ['GET'],
  RetrieveAPIView: ['GET'],
  DestroyAPIView: ['DELETE'],
  UpdateAPIView: ['PUT', 'PATCH'],
  ListCreateAPIView: ['GET', 'POST'],
  RetrieveUpdateAPIView: ['GET', 'PUT', 'PATCH'],
  RetrieveDestroyAPIView: ['GET', 'DELETE'],
  RetrieveUpdateDestroyAPIView: ['GET', 'PUT', 'PATCH', 'DELETE'],
  ObtainAuthToken: ['POST'],
  TokenObtainPairView: ['POST'],
  TokenRefreshView: ['POST'],
  TokenVerifyView: ['POST'],
  // drf-spectacular
  SpectacularAPIView: ['GET'],
  SpectacularJSONAPIView: ['GET'],
  SpectacularYAMLAPIView: ['GET'],
  SpectacularSwaggerView: ['GET'],
  SpectacularRedocView: ['GET'],
};

/** Function views packages export, by name. */
const EXTERNAL_VIEWS: Record<string, string[]> = {
  obtain_auth_token: ['POST'],
  obtain_jwt_token: ['POST'],
  refresh_jwt_token: ['POST'],
  verify_jwt_token: ['POST'],
};

/** DRF ViewSet actions provided by base classes and mixins. */
const BASE_ACTIONS: Record<string, string[]> = {
  ModelViewSet: ['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy'],
  ReadOnlyModelViewSet: ['list', 'retrieve'],
  ListModelMixin: ['list'],
  CreateModelMixin: ['create'],
  RetrieveModelMixin: ['retrieve'],
  UpdateModelMixin: ['update', 'partial_update'],
  DestroyModelMixin: ['destroy'],
};

export const ACTIONS = ['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy'];

export function sortMethods(methods: Iterable<string>): string[] {
  return [...new Set(methods)].sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || (a < b ? -1 : 1));
}

export interface ClassRef {
  file: string;
  cls: PyClass;
}

/** The class a value names, in the project. */
export function classRef(project: PyProject, file: string, v: PyValue): ClassRef | undefined {
  const r = project.resolveValue(file, v);
  if (r?.kind !== 'def') return undefined;
  const cls = project.classOf(r);
  return cls ? { file: r.file, cls } : undefined;
}

/** The class and every project base class, nearest first, each once; outside base names are listed apart. */
export function lineage(project: PyProject, start: ClassRef): { classes: ClassRef[]; outside: string[] } {
  const classes: ClassRef[] = [];
  const outside: string[] = [];
  const seen = new Set<PyClass>();
  const visit = (c: ClassRef, depth: number): void => {
    if (seen.has(c.cls) || depth > 16) return;
    seen.add(c.cls);
    classes.push(c);
    for (const b of c.cls.bases) {
      const base = classRef(project, c.file, b);
      if (base) visit(base, depth + 1);
      else {
        const name = b.kind === 'name' ? b.path.at(-1) : b.kind === 'attr' ? b.attr : undefined;
        if (name) outside.push(name);
      }
    }
  };
  visit(start, 0);
  return { classes, outside };
}

/** Methods a class-based view handles; empty when it defines none we can see. */
export function classMethods(project: PyProject, ref: ClassRef): string[] {
  const { classes, outside } = lineage(project, ref);
  const out: string[] = [];
  for (const c of classes) {
    for (const m of c.cls.methods.keys()) if (HANDLERS.includes(m)) out.push(m.toUpperCase());
    const declared = project.strList(c.file, c.cls.attrs.get('methods'));
    if (declared) out.push(...declared.map((m) => m.toUpperCase()));
  }
  for (const name of outside) out.push(...(BASE_METHODS[name] ?? []));
  return sortMethods(out);
}

export function viewSetActions(project: PyProject, ref: ClassRef): Set<string> {
  const { classes, outside } = lineage(project, ref);
  const out = new Set<string>();
  for (const c of classes) for (const m of c.cls.methods.keys()) if (ACTIONS.includes(m)) out.add(m);
  for (const name of outside) for (const a of BASE_ACTIONS[name] ?? []) out.add(a);
  return out;
}

/** Methods restricted by a function view's decorators (Django and DRF); undefined when unrestricted. */
export function decoratedMethods(project: PyProject, file: string, fn: PyFunction): string[] | undefined {
  for (const d of fn.decorators) {
    const v = d.value;
    const callee = v.kind === 'call' ? v.callee : v;
    const name = callee.kind === 'name' ? callee.path.at(-1) : undefined;
    if (name === 'require_GET') return ['GET'];
    if (name === 'require_POST') return ['POST'];
    if (name === 'require_safe') return ['GET', 'HEAD'];
    if (v.kind === 'call' && (name === 'require_http_methods' || name === 'api_view')) {
      const list = project.strList(file, v.args[0] ?? v.kwargs.get('http_method_names'));
      if (list) return sortMethods(list.map((m) => m.toUpperCase()));
      if (name === 'api_view' && v.args.length === 0) return ['GET'];
    }
  }
  return undefined;
}

/** Methods of a Django view expression: `views.index`, `Index.as_view()`, `ViewSet.as_view({'get': 'list'})`, wrappers. */
export function djangoViewMethods(project: PyProject, file: string, view: PyValue | undefined, depth = 0): string[] {
  if (!view || depth > 8) return ['ANY'];
  const mc = methodCall(view);
  if (mc?.method === 'as_view') {
    const mapping = mc.call.args[0];
    if (mapping?.kind === 'dict') {
      const keys = mapping.entries.map(([k]) => project.str(file, k)).filter((k): k is string => k !== undefined);
      if (keys.length > 0) return sortMethods(keys.map((k) => k.toUpperCase()));
    }
    const ref = classRef(project, file, mc.receiver);
    const methods = ref ? classMethods(project, ref) : BASE_METHODS[nameOf(mc.receiver) ?? ''] ?? [];
    return methods.length > 0 ? methods : ['ANY'];
  }
  if (view.kind === 'call') {
    // login_required(view), csrf_exempt(View.as_view()), cache_page(60)(view)
    const inner = view.args[0];
    return inner ? djangoViewMethods(project, file, inner, depth + 1) : ['ANY'];
  }
  const r = project.resolveValue(file, view);
  if (r?.kind === 'external') return EXTERNAL_VIEWS[r.qualified.split('.').at(-1)!] ?? ['ANY'];
  if (r?.kind !== 'def') return ['ANY'];
  const fn = project.functionOf(r);
  if (fn) return decoratedMethods(project, r.file, fn) ?? ['ANY'];
  const assigned = project.lastValue(r);
  return assigned ? djangoViewMethods(project, r.file, assigned, depth + 1) : ['ANY'];
}

function nameOf(v: PyValue): string | undefined {
  return v.kind === 'name' ? v.path.at(-1) : v.kind === 'attr' ? v.attr : undefined;
}
