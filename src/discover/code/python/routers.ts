import { relative } from 'node:path';
import { joinPaths, type CodeRoute } from '../route-model.js';
import { angleParams, braceParams } from './paths.js';
import type { PyFunction } from './facts.js';
import type { PyProject } from './project.js';
import type { PyValue } from './values.js';

// Flask and FastAPI: app and router objects (Flask apps, blueprints, APIRouters …), the routes registered on them
// from any file, and the mounts that join them (register_blueprint, include_router), walked from the unmounted ones.

export type AppFramework = 'flask' | 'fastapi';

export interface PyRoute {
  method: string;
  path: string;
  file: string;
  line: number;
}

export interface PyMount {
  /** undefined: none given (Flask then uses the child's own url_prefix); null: built at run time. */
  prefix: string | null | undefined;
  child: PyRouter;
  /** Flask: a given url_prefix replaces the blueprint's own; FastAPI: the include's prefix goes before it. */
  replacesOwn: boolean;
}

export interface PyRouter {
  id: string;
  framework: AppFramework;
  /** null when built at run time: its routes are skipped, not guessed. */
  ownPrefix: string | null;
  routes: PyRoute[];
  mounts: PyMount[];
}

const MAX_DEPTH = 12;

export class RouterSet {
  readonly objects = new Map<string, PyRouter>();

  constructor(private readonly project: PyProject) {}

  create(id: string, framework: AppFramework, ownPrefix: string | null): PyRouter {
    let o = this.objects.get(id);
    if (!o) {
      o = { id, framework, ownPrefix, routes: [], mounts: [] };
      this.objects.set(id, o);
    }
    return o;
  }

  /** A prefix argument: undefined when absent, null when not a constant string. */
  prefixArg(file: string, v: PyValue | undefined): string | null | undefined {
    if (!v || v.kind === 'none') return undefined;
    return this.project.str(file, v) ?? null;
  }

  /** A constructor's own prefix: '' when absent, null when built at run time. */
  ownPrefixArg(file: string, v: PyValue | undefined): string | null {
    const p = this.prefixArg(file, v);
    return p === undefined ? '' : p;
  }

  /** The app/router objects an expression stands for: a name, an import, a factory's return value, a loop variable. */
  objectsFor(file: string, v: PyValue, scope?: PyFunction, depth = 0): PyRouter[] {
    if (depth > MAX_DEPTH) return [];
    // a parameter of the enclosing function: whatever its callers pass (`def register_blueprints(app): …`)
    const param = v.kind === 'name' && v.path.length === 1 && scope ? scope.params.indexOf(v.path[0]!) : -1;
    if (scope && param >= 0) {
      const out: PyRouter[] = [];
      for (const site of this.project.callsTo({ file, name: scope.name })) {
        const arg = site.call.args[scope.params[0] === 'self' || scope.params[0] === 'cls' ? param - 1 : param] ?? site.call.kwargs.get(scope.params[param]!);
        if (arg) out.push(...this.objectsFor(site.file, arg, site.scope, depth + 1));
      }
      return [...new Set(out)];
    }
    if (v.kind === 'either') return [...new Set(v.options.flatMap((o) => this.objectsFor(file, o, scope, depth + 1)))];
    if (v.kind === 'call') {
      const fn = this.project.resolveValue(file, v.callee);
      const def = fn?.kind === 'def' ? this.project.functionOf(fn) : undefined;
      return fn?.kind === 'def' && def ? def.returns.flatMap((ret) => this.objectsFor(fn.file, ret, def, depth + 1)) : [];
    }
    const r = this.project.resolveValue(file, v);
    if (r?.kind !== 'def') return [];
    const own = this.objects.get(`${r.file}#${r.name}`);
    if (own) return [own];
    const out: PyRouter[] = [];
    for (const a of this.project.assignments(r)) {
      if (a.op === '=') out.push(...this.objectsFor(r.file, a.value, undefined, depth + 1));
      else if (a.op === 'for') for (const item of this.project.items(r.file, a.value)) out.push(...this.objectsFor(item.file, item.value, undefined, depth + 1));
    }
    return [...new Set(out)];
  }

  routes(root: string): CodeRoute[] {
    const mounted = new Set<PyRouter>();
    for (const o of this.objects.values()) for (const m of o.mounts) if (m.child !== o) mounted.add(m.child);
    const out: CodeRoute[] = [];
    const walk = (o: PyRouter, base: string, stack: Set<PyRouter>): void => {
      if (stack.has(o)) return;
      stack.add(o);
      for (const r of o.routes) out.push({ method: r.method, path: template(o.framework, [base, r.path]), file: relative(root, r.file), line: r.line, framework: o.framework });
      for (const m of o.mounts) {
        const child = m.child;
        const parts = m.replacesOwn ? [m.prefix === undefined ? child.ownPrefix : m.prefix] : [m.prefix === undefined ? '' : m.prefix, child.ownPrefix];
        if (parts.some((p) => p === null)) continue;
        walk(child, [base, ...(parts as string[])].filter((p) => p !== '').join('/'), stack);
      }
      stack.delete(o);
    };
    for (const o of this.objects.values()) if (!mounted.has(o) && o.ownPrefix !== null) walk(o, o.ownPrefix, new Set());
    return out;
  }
}

function template(framework: AppFramework, parts: string[]): string {
  const raw = parts.filter((p) => p !== '').join('/');
  return joinPaths(framework === 'flask' ? angleParams(raw) : braceParams(raw));
}
