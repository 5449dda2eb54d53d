import { dirname, join, relative, sep } from 'node:path';

// Python module names → files, for the imports of one scanned tree. A module is an absolute path without extension
// (`/src/app/api` is app/api.py or the package app/api/__init__.py, or a namespace package directory). Absolute
// imports (`app.api.deps`) match the files whose path ends with that module; when several do (a src/ layout, two
// projects in one tree), the one nearest the importing file wins, as its own project's sys.path would have it.

export class ModuleIndex {
  private readonly files = new Map<string, string>();
  private readonly packages = new Set<string>();
  private readonly bySuffix = new Map<string, string[]>();

  constructor(root: string, pyFiles: string[]) {
    const modules = new Set<string>();
    for (const f of pyFiles) {
      const mod = f.endsWith(`${sep}__init__.py`) ? dirname(f) : f.slice(0, -3);
      if (!this.files.has(mod) || f.endsWith('__init__.py')) this.files.set(mod, f);
      modules.add(mod);
      for (let d = dirname(f); d.startsWith(root) && d !== root; d = dirname(d)) {
        this.packages.add(d);
        modules.add(d);
      }
    }
    for (const mod of modules) {
      const parts = relative(root, mod).split(sep);
      for (let i = 0; i < parts.length; i++) {
        const key = parts.slice(i).join('.');
        const list = this.bySuffix.get(key) ?? [];
        list.push(mod);
        this.bySuffix.set(key, list);
      }
    }
  }

  /** The file holding a module's code, if it has one. */
  fileOf(mod: string): string | undefined {
    return this.files.get(mod);
  }

  isModule(mod: string): boolean {
    return this.files.has(mod) || this.packages.has(mod);
  }

  /** The module of the file itself (a package for __init__.py). */
  moduleOfFile(file: string): string {
    return file.endsWith(`${sep}__init__.py`) ? dirname(file) : file.slice(0, -3);
  }

  /** `app.api.deps` imported from `fromFile`; undefined for a module outside the tree (a package). */
  absolute(fromFile: string, dotted: string): string | undefined {
    const candidates = this.bySuffix.get(dotted);
    if (!candidates?.length) return undefined;
    const depth = dotted.split('.').length;
    let best: string | undefined;
    let bestScore = -1;
    for (const c of candidates) {
      let base = c;
      for (let i = 0; i < depth; i++) base = dirname(base);
      const score = fromFile.startsWith(base + sep) ? base.length : 0;
      if (score > bestScore || (score === bestScore && best !== undefined && c.length < best.length)) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  /** `from ..x.y import` in `fromFile`: level 2, dotted 'x.y'. */
  relativeTo(fromFile: string, level: number, dotted: string): string {
    let dir = dirname(fromFile);
    for (let i = 1; i < level; i++) dir = dirname(dir);
    return dotted ? join(dir, ...dotted.split('.')) : dir;
  }
}
