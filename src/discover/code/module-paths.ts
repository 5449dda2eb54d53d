import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

// Resolves an import specifier to a source file the way TypeScript and Node do (extensions, index files, `.js`
// specifiers naming `.ts` sources), relative ones and those the nearest tsconfig.json / jsconfig.json maps with
// `compilerOptions.paths` (`@/lib/db` → src/lib/db.ts). Other package imports resolve to undefined.

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function resolveFile(base: string): string | undefined {
  const candidates = [base];
  const js = /\.([mc]?)js$/.exec(base);
  if (js) candidates.push(`${base.slice(0, -js[0].length)}.${js[1]}ts`);
  for (const e of EXTENSIONS) candidates.push(base + e);
  for (const e of EXTENSIONS) candidates.push(`${base}/index${e}`);
  return candidates.find(isFile);
}

interface PathMapping {
  /** `@/*` → prefix `@/`, suffix ``. */
  prefix: string;
  suffix: string;
  wildcard: boolean;
  targets: string[];
}

/** Directory → the path mappings of the nearest tsconfig/jsconfig at or above it (cached per directory). */
const mappingsByDir = new Map<string, PathMapping[]>();

function readMappings(config: string): PathMapping[] {
  try {
    const { config: json } = ts.parseConfigFileTextToJson(config, readFileSync(config, 'utf8'));
    const options = (json as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined)?.compilerOptions;
    const base = resolve(dirname(config), options?.baseUrl ?? '.');
    const out: PathMapping[] = [];
    for (const [pattern, targets] of Object.entries(options?.paths ?? {})) {
      if (!Array.isArray(targets)) continue;
      const star = pattern.indexOf('*');
      out.push({
        prefix: star < 0 ? pattern : pattern.slice(0, star),
        suffix: star < 0 ? '' : pattern.slice(star + 1),
        wildcard: star >= 0,
        targets: targets.filter((t): t is string => typeof t === 'string').map((t) => resolve(base, t)),
      });
    }
    return out;
  } catch {
    return [];
  }
}

function mappingsFor(dir: string): PathMapping[] {
  const cached = mappingsByDir.get(dir);
  if (cached) return cached;
  const config = ['tsconfig.json', 'jsconfig.json'].map((n) => join(dir, n)).find(isFile);
  const parent = dirname(dir);
  const found = config ? readMappings(config) : parent === dir ? [] : mappingsFor(parent);
  mappingsByDir.set(dir, found);
  return found;
}

export function resolveModule(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return resolveFile(resolve(dirname(fromFile), specifier));
  for (const m of mappingsFor(dirname(fromFile))) {
    let rest: string;
    if (m.wildcard) {
      if (!specifier.startsWith(m.prefix) || !specifier.endsWith(m.suffix) || specifier.length < m.prefix.length + m.suffix.length) continue;
      rest = specifier.slice(m.prefix.length, specifier.length - m.suffix.length);
    } else if (specifier === m.prefix) rest = '';
    else continue;
    for (const t of m.targets) {
      const hit = resolveFile(m.wildcard ? t.replace('*', rest) : t);
      if (hit) return hit;
    }
  }
  return undefined;
}
