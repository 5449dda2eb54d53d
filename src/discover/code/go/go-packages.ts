import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ConstExpr, FileDecls, FuncDecl, PackageVarDecl, FieldDecl } from './go-declarations.js';
import { frameworkOfImport } from './go-frameworks.js';
import type { RawType } from './go-syntax.js';

// The Go package model: the files of one directory are one package; import paths map to directories through the
// module path in go.mod (or, without one, by the longest directory suffix). A package is identified by its absolute
// directory when it is in the scanned tree, by its import path otherwise.

export interface TypeRef {
  pkg: string;
  name: string;
}

/** A struct field and the file its type is written in. */
export type StructField = FieldDecl & { file: string };

export interface FuncInfo {
  /** `${pkg}.${name}` or `${pkg}.${receiver}.${name}`. */
  key: string;
  pkg: string;
  file: string;
  decl: FuncDecl;
}

interface GoPackage {
  name: string;
  funcs: Map<string, FuncInfo>;
  structs: Map<string, Map<string, StructField>>;
  interfaces: Map<string, string[]>;
  collections: Map<string, { element: RawType | undefined; file: string }>;
  consts: Map<string, { expr: ConstExpr; file: string }>;
  vars: Map<string, { decl: PackageVarDecl; file: string }>;
}

export class GoWorld {
  private readonly packages = new Map<string, GoPackage>();
  private readonly imports = new Map<string, Map<string, string>>();
  private readonly methodsByName = new Map<string, FuncInfo[]>();
  private readonly constCache = new Map<string, string | undefined>();

  constructor(files: FileDecls[], root: string) {
    for (const f of files) {
      let pkg = this.packages.get(f.dir);
      if (!pkg) {
        pkg = { name: f.packageName, funcs: new Map(), structs: new Map(), interfaces: new Map(), collections: new Map(), consts: new Map(), vars: new Map() };
        this.packages.set(f.dir, pkg);
      }
      for (const d of f.funcs) {
        const local = d.receiver ? `${d.receiver}.${d.name}` : d.name;
        const info: FuncInfo = { key: `${f.dir}.${local}`, pkg: f.dir, file: f.file, decl: d };
        pkg.funcs.set(local, info);
        if (d.receiver) this.methodsByName.set(d.name, [...(this.methodsByName.get(d.name) ?? []), info]);
      }
      for (const [name, s] of f.structs) pkg.structs.set(name, new Map([...s].map(([k, v]) => [k, { ...v, file: f.file }])));
      for (const [name, methods] of f.interfaces) pkg.interfaces.set(name, methods);
      for (const [name, element] of f.collections) pkg.collections.set(name, { element, file: f.file });
      for (const [name, expr] of f.consts) pkg.consts.set(name, { expr, file: f.file });
      for (const [name, decl] of f.vars) pkg.vars.set(name, { decl, file: f.file });
    }
    const resolveImport = importResolver([...this.packages.keys()], root);
    for (const f of files) {
      const table = new Map<string, string>();
      for (const imp of f.imports) {
        const dir = frameworkOfImport(imp.path) ? undefined : resolveImport(imp.path);
        const alias = imp.alias ?? (dir ? this.packages.get(dir)?.name : undefined) ?? defaultPackageName(imp.path);
        table.set(alias, dir ?? imp.path);
      }
      this.imports.set(f.file, table);
    }
  }

  /** Every package a file imports. */
  importsOf(file: string): string[] {
    return [...(this.imports.get(file)?.values() ?? [])];
  }

  /** The package an import alias names in a file. */
  importedPackage(file: string, alias: string): string | undefined {
    return this.imports.get(file)?.get(alias);
  }

  resolveType(raw: RawType | undefined, file: string): TypeRef | undefined {
    if (!raw) return undefined;
    if (!raw.qualifier) return { pkg: dirname(file), name: raw.name };
    const pkg = this.importedPackage(file, raw.qualifier);
    return pkg ? { pkg, name: raw.name } : undefined;
  }

  func(pkg: string, name: string): FuncInfo | undefined {
    return this.packages.get(pkg)?.funcs.get(name);
  }

  method(type: TypeRef, name: string): FuncInfo | undefined {
    return this.packages.get(type.pkg)?.funcs.get(`${type.name}.${name}`);
  }

  /**
   * Methods of this name in the scanned code that a value of `type` may dispatch to: when `type` is an interface
   * declared here, only types having every method it lists; otherwise (unknown type) all of them.
   */
  methodsNamed(name: string, type?: TypeRef): FuncInfo[] {
    const all = this.methodsByName.get(name) ?? [];
    const required = type ? this.packages.get(type.pkg)?.interfaces.get(type.name) : undefined;
    if (!required) return all;
    return all.filter((m) => required.every((r) => this.packages.get(m.pkg)?.funcs.has(`${m.decl.receiver}.${r}`)));
  }

  /** For a named slice or map type, its element type (`{ element: undefined }` when that is not a named type). */
  collectionElement(type: TypeRef): { element: TypeRef | undefined } | undefined {
    const entry = this.packages.get(type.pkg)?.collections.get(type.name);
    return entry ? { element: this.resolveType(entry.element, entry.file) } : undefined;
  }

  structFields(type: TypeRef): Map<string, StructField> | undefined {
    return this.packages.get(type.pkg)?.structs.get(type.name);
  }

  packageVar(pkg: string, name: string): { decl: PackageVarDecl; file: string } | undefined {
    return this.packages.get(pkg)?.vars.get(name);
  }

  /** A package-level string constant (or string-initialised variable), concatenations included. */
  constString(pkg: string, name: string, depth = 0): string | undefined {
    const key = `${pkg}#${name}`;
    if (this.constCache.has(key)) return this.constCache.get(key);
    const entry = this.packages.get(pkg)?.consts.get(name);
    this.constCache.set(key, undefined);
    const value = entry && depth < 20 ? this.evalConst(entry.expr, entry.file, pkg, depth + 1) : undefined;
    this.constCache.set(key, value);
    return value;
  }

  private evalConst(expr: ConstExpr, file: string, pkg: string, depth: number): string | undefined {
    if (expr.kind === 'string') return expr.value;
    if (expr.kind === 'ref') {
      const target = expr.qualifier ? this.importedPackage(file, expr.qualifier) : pkg;
      return target ? this.constString(target, expr.name, depth) : undefined;
    }
    const parts = expr.parts.map((p) => this.evalConst(p, file, pkg, depth));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
}

/** `github.com/go-chi/chi/v5` → chi, `gopkg.in/yaml.v3` → yaml. */
function defaultPackageName(importPath: string): string {
  const parts = importPath.split('/').filter((p) => !/^v\d+$/.test(p));
  return (parts[parts.length - 1] ?? importPath).replace(/\.v\d+$/, '').replace(/^go-/, '');
}

function importResolver(dirs: string[], root: string): (importPath: string) => string | undefined {
  const modules = new Map<string, string>();
  const seen = new Set<string>();
  for (const d of dirs) {
    for (let cur = d; !seen.has(cur); cur = dirname(cur)) {
      seen.add(cur);
      const mod = join(cur, 'go.mod');
      if (existsSync(mod)) {
        const m = /^\s*module\s+("?)([^\s"]+)\1/m.exec(readFileSync(mod, 'utf8'));
        if (m) modules.set(m[2]!, cur);
      }
      if (cur === root || dirname(cur) === cur) break;
    }
  }
  const known = new Set(dirs);
  const bySuffix = dirs.map((d) => ({ dir: d, rel: relative(root, d).split(sep).join('/') })).filter((d) => d.rel !== '');
  return (importPath) => {
    for (const [modulePath, modDir] of modules) {
      if (importPath === modulePath && known.has(modDir)) return modDir;
      if (importPath.startsWith(`${modulePath}/`)) {
        const dir = join(modDir, importPath.slice(modulePath.length + 1));
        if (known.has(dir)) return dir;
      }
    }
    if (!importPath.split('/')[0]!.includes('.') && modules.size > 0) return undefined;
    let best: string | undefined;
    let bestLength = 0;
    for (const { dir, rel } of bySuffix)
      if ((importPath === rel || importPath.endsWith(`/${rel}`)) && rel.length > bestLength) {
        best = dir;
        bestLength = rel.length;
      }
    return best;
  };
}
