import { relative } from 'node:path';
import { joinPaths, type CodeRoute } from '../route-model.js';
import { DrfRouters } from './drf.js';
import { angleParams, regexPath } from './paths.js';
import type { PyProject } from './project.js';
import { djangoViewMethods } from './views.js';
import type { PyValue } from './values.js';

// Django URLconfs from ROOT_URLCONF (or, without settings, every urlpatterns module no other one includes):
// path()/re_path()/url() entries, include('app.urls') / include(module) / include([...]) / include((patterns, 'ns')),
// DRF router.urls; views' methods from their classes and decorators (ANY when a view does not restrict them).

const MAX_DEPTH = 24;

interface Walk {
  stack: Set<string>;
  included: Set<string>;
  out: CodeRoute[];
}

export function collectDjango(project: PyProject, root: string): CodeRoute[] {
  const routers = new DrfRouters(project);
  const emit = (w: Walk, method: string, path: string, file: string, line: number): void => {
    w.out.push({ method, path: joinPaths(path), file: relative(root, file), line, framework: 'django' });
  };

  const moduleFile = (file: string, dotted: string): string | undefined => {
    const mod = project.modules.absolute(file, dotted);
    return mod ? project.modules.fileOf(mod) : undefined;
  };

  const patterns = (file: string, v: PyValue, prefix: string, w: Walk, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    switch (v.kind) {
      case 'list':
        for (const item of v.items) {
          if (item.kind === 'spread') patterns(file, item.value, prefix, w, depth + 1);
          else entry(file, item, prefix, w, depth + 1);
        }
        return;
      case 'spread':
        return patterns(file, v.value, prefix, w, depth + 1);
      case 'either':
        for (const o of v.options) patterns(file, o, prefix, w, depth + 1);
        return;
      case 'concat':
        patterns(file, v.left, prefix, w, depth + 1);
        return patterns(file, v.right, prefix, w, depth + 1);
      case 'call': {
        const name = v.callee.kind === 'name' ? v.callee.path.at(-1) : undefined;
        if (name === 'format_suffix_patterns' && v.args[0]) return patterns(file, v.args[0], prefix, w, depth + 1);
        if (name === 'patterns') for (const a of v.args.slice(1)) entry(file, a, prefix, w, depth + 1);
        if (name === 'i18n_patterns') for (const a of v.args) entry(file, a, `${prefix}{language}/`, w, depth + 1);
        if (name === 'path' || name === 're_path' || name === 'url') entry(file, v, prefix, w, depth + 1);
        return;
      }
      case 'name':
      case 'attr': {
        if (v.kind === 'name' && v.path.length >= 2 && v.path.at(-1) === 'urls') {
          const router = routers.routerFor(file, { kind: 'name', path: v.path.slice(0, -1) });
          if (router) {
            for (const r of routers.routes(router)) emit(w, r.method, prefix + r.path, r.file, r.line);
            return;
          }
        }
        const r = project.resolveValue(file, v);
        if (r?.kind === 'module') {
          const target = project.modules.fileOf(r.path);
          if (target) return urlconf(target, prefix, w, depth + 1);
          return;
        }
        if (r?.kind !== 'def') return;
        const key = `${r.file}#${r.name}`;
        if (w.stack.has(key)) return;
        w.stack.add(key);
        for (const a of project.assignments(r)) {
          if (a.op === 'append') entry(r.file, a.value, prefix, w, depth + 1);
          else if (a.op !== 'for') patterns(r.file, a.value, prefix, w, depth + 1);
        }
        w.stack.delete(key);
        return;
      }
      default:
        return;
    }
  };

  const urlconf = (file: string, prefix: string, w: Walk, depth: number): void => {
    w.included.add(file);
    patterns(file, { kind: 'name', path: ['urlpatterns'] }, prefix, w, depth + 1);
  };

  const include = (file: string, target: PyValue | undefined, prefix: string, w: Walk, depth: number): void => {
    if (!target) return;
    if (target.kind === 'str') {
      const mod = moduleFile(file, target.value);
      if (mod && !w.stack.has(mod)) {
        w.stack.add(mod);
        urlconf(mod, prefix, w, depth + 1);
        w.stack.delete(mod);
      }
      return;
    }
    // include((patterns, 'app_name')) / include(('app.urls', 'app_name'))
    if (target.kind === 'list' && target.items.length === 2 && (target.items[1]!.kind === 'str' || target.items[1]!.kind === 'none') && !isUrlEntry(target.items[0]!))
      return include(file, target.items[0], prefix, w, depth + 1);
    patterns(file, target, prefix, w, depth + 1);
  };

  const entry = (file: string, v: PyValue, prefix: string, w: Walk, depth: number): void => {
    if (v.kind !== 'call' || !isUrlEntry(v) || depth > MAX_DEPTH) return;
    const kind = (v.callee as { path: string[] }).path.at(-1);
    const route = project.str(file, v.args[0] ?? v.kwargs.get('route') ?? v.kwargs.get('regex'));
    if (route === undefined) return;
    const fragment = kind === 'path' ? angleParams(route) : regexPath(route);
    if (fragment === undefined) return;
    const view = v.args[1] ?? v.kwargs.get('view');
    if (view?.kind === 'call' && view.callee.kind === 'name' && view.callee.path.at(-1) === 'include') {
      include(file, view.args[0] ?? view.kwargs.get('arg'), prefix + fragment, w, depth + 1);
      return;
    }
    // path('admin/', admin.site.urls), path('api/', router.urls): url lists given without include()
    if (view?.kind === 'name' && view.path.at(-1) === 'urls') {
      patterns(file, view, prefix + fragment, w, depth + 1);
      return;
    }
    for (const m of djangoViewMethods(project, file, view)) emit(w, m, prefix + fragment, file, v.line);
  };

  const roots = new Set<string>();
  for (const f of project.facts.values()) {
    for (const a of f.assignments.get('ROOT_URLCONF') ?? []) {
      const dotted = project.str(f.file, a.value);
      const mod = dotted ? moduleFile(f.file, dotted) : undefined;
      if (mod) roots.add(mod);
    }
  }
  if (roots.size === 0) {
    const candidates = [...project.facts.values()].filter((f) => f.assignments.has('urlpatterns')).map((f) => f.file);
    const included = new Set<string>();
    for (const c of candidates) {
      const w: Walk = { stack: new Set([c]), included: new Set(), out: [] };
      urlconf(c, '', w, 0);
      for (const x of w.included) if (x !== c) included.add(x);
    }
    for (const c of candidates) if (!included.has(c)) roots.add(c);
  }
  const out: CodeRoute[] = [];
  for (const r of roots) {
    const w: Walk = { stack: new Set([r]), included: new Set(), out };
    urlconf(r, '', w, 0);
  }
  return out;
}

function isUrlEntry(v: PyValue): boolean {
  if (v.kind !== 'call' || v.callee.kind !== 'name') return false;
  const name = v.callee.path.at(-1);
  return name === 'path' || name === 're_path' || name === 'url';
}
