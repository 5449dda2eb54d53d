import type { JavaExpr, JavaFile, JavaType } from './java-model.js';

// The project's types by name, so `implements UserApi`, `Constants.BASE` and static imports resolve across files
// the way javac resolves them (nested types, single imports, same package, wildcard imports), then by a unique
// simple name as a last resort.

const MAX_DEPTH = 16;

export class JavaTypeIndex {
  private readonly byFqn = new Map<string, JavaType>();
  private readonly bySimpleName = new Map<string, JavaType[]>();

  constructor(files: JavaFile[]) {
    for (const f of files) {
      for (const t of f.types) {
        this.byFqn.set(t.fqn, t);
        const list = this.bySimpleName.get(t.simpleName) ?? [];
        list.push(t);
        this.bySimpleName.set(t.simpleName, list);
      }
    }
  }

  all(): Iterable<JavaType> {
    return this.byFqn.values();
  }

  /** A type name as written inside `from` (possibly qualified: `Outer.Inner`, `com.x.Cls`). */
  resolve(name: string, from: JavaType): JavaType | undefined {
    const [head, ...rest] = name.split('.');
    if (!head) return undefined;
    const first = this.resolveSimple(head, from);
    if (first) return rest.reduce<JavaType | undefined>((t, part) => (t ? this.byFqn.get(`${t.fqn}.${part}`) : undefined), first);
    return this.byFqn.get(name);
  }

  private resolveSimple(name: string, from: JavaType): JavaType | undefined {
    for (let t: JavaType | undefined = from; t; t = t.outer ? this.byFqn.get(t.outer) : undefined) {
      if (t.simpleName === name) return t;
      const nested = this.byFqn.get(`${t.fqn}.${name}`);
      if (nested) return nested;
    }
    const file = from.file;
    const imported = file.singleImports.get(name);
    if (imported) return this.byFqn.get(imported);
    const samePackage = this.byFqn.get(file.packageName ? `${file.packageName}.${name}` : name);
    if (samePackage) return samePackage;
    for (const w of file.wildcardImports) {
      const t = this.byFqn.get(`${w}.${name}`);
      if (t) return t;
    }
    const candidates = this.bySimpleName.get(name) ?? [];
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  /** Direct supertypes found in the project. */
  supertypesOf(t: JavaType): JavaType[] {
    return t.supertypes.flatMap((s) => {
      const r = this.resolve(s, t);
      return r && r !== t ? [r] : [];
    });
  }

  /** A constant visible by simple name in `from`: its own and inherited fields, enclosing types, static imports. */
  private constantIn(name: string, from: JavaType, depth: number): { expr: JavaExpr; owner: JavaType } | undefined {
    const inherited = this.inheritedConstant(name, from, new Set());
    if (inherited) return inherited;
    const outer = from.outer ? this.byFqn.get(from.outer) : undefined;
    if (outer) return this.constantIn(name, outer, depth);
    const file = from.file;
    const owner = file.staticImports.get(name);
    const owners = owner ? [owner] : file.staticWildcardImports;
    for (const o of owners) {
      const t = this.resolve(o, from) ?? this.byFqn.get(o);
      const c = t ? this.inheritedConstant(name, t, new Set()) : undefined;
      if (c) return c;
    }
    return undefined;
  }

  private inheritedConstant(name: string, t: JavaType, seen: Set<JavaType>): { expr: JavaExpr; owner: JavaType } | undefined {
    if (seen.has(t)) return undefined;
    seen.add(t);
    const own = t.constants.get(name);
    if (own) return { expr: own, owner: t };
    for (const s of this.supertypesOf(t)) {
      const c = this.inheritedConstant(name, s, seen);
      if (c) return c;
    }
    return undefined;
  }

  /**
   * The string values of an annotation attribute: an array gives one value per element. Undefined when any part is
   * not a compile-time string the project declares (a value only known at run time is skipped, not guessed).
   */
  strings(expr: JavaExpr, from: JavaType, depth = 0): string[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (expr.kind === 'array') {
      const out: string[] = [];
      for (const item of expr.items) {
        const values = this.strings(item, from, depth + 1);
        if (!values) return undefined;
        out.push(...values);
      }
      return out;
    }
    const single = this.string(expr, from, depth);
    return single === undefined ? undefined : [single];
  }

  private string(expr: JavaExpr, from: JavaType, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (expr.kind) {
      case 'string':
        return expr.value;
      case 'concat': {
        let out = '';
        for (const p of expr.parts) {
          const s = this.string(p, from, depth + 1);
          if (s === undefined) return undefined;
          out += s;
        }
        return out;
      }
      case 'ref': {
        const found = expr.qualifier.length === 0 ? this.constantIn(expr.name, from, depth) : this.qualifiedConstant(expr.qualifier, expr.name, from);
        return found ? this.string(found.expr, found.owner, depth + 1) : undefined;
      }
      default:
        return undefined;
    }
  }

  private qualifiedConstant(qualifier: string[], name: string, from: JavaType): { expr: JavaExpr; owner: JavaType } | undefined {
    const owner = this.resolve(qualifier.join('.'), from);
    return owner ? this.inheritedConstant(name, owner, new Set()) : undefined;
  }
}
