import type { Assignment, PyClass, PyFacts, PyFunction, RawImport, StatementCall } from './facts.js';
import type { ModuleIndex } from './modules.js';
import type { PyValue } from './values.js';

// Name resolution across the scanned Python files: a name used in a file is followed through its imports
// (absolute, relative, `import a.b as c`, wildcard, package __init__ re-exports) to the module, the definition in a
// project file, or the outside package it comes from.

export type Resolved =
  | { kind: 'module'; path: string }
  /** A name a project file binds (assignment, def, class). */
  | { kind: 'def'; file: string; name: string }
  /** An expression in a file: a class attribute reached through `Settings().API_PREFIX` / `Config.PREFIX`. */
  | { kind: 'value'; file: string; value: PyValue }
  /** Outside the tree: `flask.Blueprint`, `rest_framework.routers.DefaultRouter`. */
  | { kind: 'external'; qualified: string };

const MAX_DEPTH = 24;

/** `flask.blueprints.Blueprint` → `flask.Blueprint`: the package and the name are what identify a framework class. */
export function shortName(qualified: string | undefined): string {
  if (!qualified) return '';
  const parts = qualified.split('.');
  return `${parts[0]}.${parts.at(-1)}`;
}

export class PyProject {
  private callSites: Map<string, (StatementCall & { file: string })[]> | undefined;

  constructor(
    readonly facts: Map<string, PyFacts>,
    readonly modules: ModuleIndex,
  ) {}

  private defines(f: PyFacts, name: string): boolean {
    return f.assignments.has(name) || f.functions.has(name) || f.classes.has(name);
  }

  resolveName(file: string, name: string, depth = 0): Resolved | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const f = this.facts.get(file);
    if (!f) return undefined;
    if (this.defines(f, name)) return { kind: 'def', file, name };
    const imp = f.imports.findLast((i) => i.local === name);
    if (imp) return this.resolveImport(file, imp, depth + 1);
    for (const w of f.imports.filter((i) => i.local === '*')) {
      const mod = this.moduleOf(file, w);
      const target = mod.kind === 'module' ? this.modules.fileOf(mod.path) : undefined;
      const hit = target && target !== file ? this.resolveName(target, name, depth + 1) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }

  private moduleOf(file: string, imp: RawImport): Resolved {
    if (imp.level > 0) return { kind: 'module', path: this.modules.relativeTo(file, imp.level, imp.module) };
    const path = this.modules.absolute(file, imp.module);
    return path ? { kind: 'module', path } : { kind: 'external', qualified: imp.module };
  }

  private resolveImport(file: string, imp: RawImport, depth: number): Resolved | undefined {
    const mod = this.moduleOf(file, imp);
    if (imp.name === undefined) return mod;
    return this.member(mod, imp.name, depth);
  }

  /** `x.attr` for a resolved x. */
  member(r: Resolved, attr: string, depth = 0): Resolved | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (r.kind) {
      case 'external':
        return { kind: 'external', qualified: `${r.qualified}.${attr}` };
      case 'module': {
        const file = this.modules.fileOf(r.path);
        const f = file ? this.facts.get(file) : undefined;
        if (file && f && this.defines(f, attr)) return { kind: 'def', file, name: attr };
        const sub = `${r.path}/${attr}`;
        if (this.modules.isModule(sub)) return { kind: 'module', path: sub };
        return file ? this.resolveName(file, attr, depth + 1) : undefined;
      }
      case 'def': {
        const cls = this.classOf(r);
        if (cls) return this.classAttr(r.file, cls, attr, depth + 1);
        const value = this.lastValue(r);
        if (!value) return undefined;
        // settings = Settings(); settings.API_V1_STR → the class attribute's declared default
        if (value.kind === 'call') {
          const c = this.resolveValue(r.file, value.callee, depth + 1);
          const inst = c?.kind === 'def' ? this.classOf(c) : undefined;
          return c?.kind === 'def' && inst ? this.classAttr(c.file, inst, attr, depth + 1) : undefined;
        }
        const target = this.resolveValue(r.file, value, depth + 1);
        return target ? this.member(target, attr, depth + 1) : undefined;
      }
      case 'value':
        return undefined;
    }
  }

  private classAttr(file: string, cls: PyClass, attr: string, depth: number): Resolved | undefined {
    const v = cls.attrs.get(attr);
    if (v) return { kind: 'value', file, value: v };
    for (const b of cls.bases) {
      const base = this.resolveValue(file, b, depth + 1);
      const bc = base?.kind === 'def' ? this.classOf(base) : undefined;
      const hit = base?.kind === 'def' && bc && depth < MAX_DEPTH ? this.classAttr(base.file, bc, attr, depth + 1) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }

  resolvePath(file: string, path: string[], depth = 0): Resolved | undefined {
    let r = this.resolveName(file, path[0]!, depth);
    for (const attr of path.slice(1)) r = r ? this.member(r, attr, depth + 1) : undefined;
    return r;
  }

  /** A name or attribute expression, resolved; other expressions are not names. */
  resolveValue(file: string, v: PyValue, depth = 0): Resolved | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (v.kind === 'name') return this.resolvePath(file, v.path, depth);
    if (v.kind === 'attr') {
      const o = this.resolveValue(file, v.object, depth + 1);
      return o ? this.member(o, v.attr, depth + 1) : undefined;
    }
    return undefined;
  }

  /** Fully qualified name when `v` names something outside the tree (`flask.Flask`), else undefined. */
  externalName(file: string, v: PyValue): string | undefined {
    const r = this.resolveValue(file, v);
    if (r?.kind === 'external') return r.qualified;
    // a name bound to an outside name: `Router = routers.DefaultRouter`
    const value = r?.kind === 'def' ? this.lastValue(r) : undefined;
    if (r?.kind === 'def' && value && (value.kind === 'name' || value.kind === 'attr') && !this.classOf(r)) {
      const inner = this.resolveValue(r.file, value, 1);
      if (inner?.kind === 'external') return inner.qualified;
    }
    return undefined;
  }

  assignments(r: { file: string; name: string }): Assignment[] {
    return this.facts.get(r.file)?.assignments.get(r.name) ?? [];
  }

  lastValue(r: { file: string; name: string }): PyValue | undefined {
    return this.assignments(r).findLast((a) => a.op === '=')?.value;
  }

  classOf(r: { file: string; name: string }): PyClass | undefined {
    const f = this.facts.get(r.file);
    return f && !f.assignments.has(r.name) ? f.classes.get(r.name) : undefined;
  }

  functionOf(r: { file: string; name: string }): PyFunction | undefined {
    const f = this.facts.get(r.file);
    return f && !f.assignments.has(r.name) ? f.functions.get(r.name) : undefined;
  }

  /** Statement calls of a project function, from every file: `register_blueprints(app)`, `views.init_app(app)`. */
  callsTo(fn: { file: string; name: string }): (StatementCall & { file: string })[] {
    if (!this.callSites) {
      this.callSites = new Map();
      for (const f of this.facts.values()) {
        for (const c of f.calls) {
          const callee = c.call.callee;
          if (callee.kind !== 'name') continue;
          const r = this.resolveValue(f.file, callee);
          if (r?.kind !== 'def') continue;
          const key = `${r.file}#${r.name}`;
          const list = this.callSites.get(key) ?? [];
          list.push({ ...c, file: f.file });
          this.callSites.set(key, list);
        }
      }
    }
    return this.callSites.get(`${fn.file}#${fn.name}`) ?? [];
  }

  /** The string an expression always evaluates to, if it is built from literals and constants only. */
  str(file: string, v: PyValue | undefined, depth = 0): string | undefined {
    if (!v || depth > MAX_DEPTH) return undefined;
    switch (v.kind) {
      case 'str':
        return v.value;
      case 'fstr': {
        let out = '';
        for (const p of v.parts) {
          const s = typeof p === 'string' ? p : this.str(file, p, depth + 1);
          if (s === undefined) return undefined;
          out += s;
        }
        return out;
      }
      case 'either': {
        const values = new Set(v.options.map((o) => this.str(file, o, depth + 1)));
        return values.size === 1 ? [...values][0] : undefined;
      }
      case 'concat': {
        const l = this.str(file, v.left, depth + 1);
        const r = this.str(file, v.right, depth + 1);
        return l === undefined || r === undefined ? undefined : l + r;
      }
      case 'name':
      case 'attr': {
        const r = this.resolveValue(file, v, depth + 1);
        if (r?.kind === 'value') return this.str(r.file, r.value, depth + 1);
        if (r?.kind !== 'def') return undefined;
        const all = this.assignments(r).filter((a) => a.op === '=');
        // a constant assigned once (or to the same string each time)
        const values = new Set(all.map((a) => this.str(r.file, a.value, depth + 1)));
        return values.size === 1 ? [...values][0] : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The items a loop over `v` visits, each with the file it is written in: a literal or a name bound to one. */
  items(file: string, v: PyValue, depth = 0): { file: string; value: PyValue }[] {
    if (depth > MAX_DEPTH) return [];
    if (v.kind === 'list') return v.items.flatMap((i) => (i.kind === 'spread' ? this.items(file, i.value, depth + 1) : [{ file, value: i }]));
    if (v.kind === 'concat') return [...this.items(file, v.left, depth + 1), ...this.items(file, v.right, depth + 1)];
    const r = this.resolveValue(file, v, depth + 1);
    if (r?.kind === 'value') return this.items(r.file, r.value, depth + 1);
    if (r?.kind !== 'def') return [];
    return this.assignments(r).flatMap((a) =>
      a.op === 'append' ? [{ file: r.file, value: a.value }] : a.op === 'for' ? [] : this.items(r.file, a.value, depth + 1),
    );
  }

  strList(file: string, v: PyValue | undefined): string[] | undefined {
    if (!v) return undefined;
    if (v.kind === 'list') {
      const out = v.items.map((i) => this.str(file, i));
      return out.every((s): s is string => s !== undefined) ? out : undefined;
    }
    if (v.kind === 'name') {
      const r = this.resolveValue(file, v);
      const value = r?.kind === 'def' ? this.lastValue(r) : r?.kind === 'value' ? r.value : undefined;
      const vf = r?.kind === 'def' || r?.kind === 'value' ? r.file : file;
      return value?.kind === 'list' ? this.strList(vf, value) : undefined;
    }
    return undefined;
  }
}
