import { readFileSync } from 'node:fs';
import { extname, relative } from 'node:path';
import ts from 'typescript';
import { collectCallRoutes, constStrings, type ImportedString } from './call-routes.js';
import { collectExports, collectImports } from './file-bindings.js';
import { collectNestRoutes } from './nest-routes.js';
import { nextProjects, nextRouteFile, nextRoutes } from './next-routes.js';
import type { LanguageScanner } from './language-scanner.js';
import { joinPaths, type BindingRef, type CodeRoute, type FileFacts, type Framework, type RouterObject } from './route-model.js';

// Express, Fastify, Koa, Hono and NestJS routes with prefixes and mounts resolved across files, from the TypeScript
// compiler's syntax tree (no type checking, so it is fast and needs no build of the project), and Next.js API routes
// from the file layout.

const SOURCE = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);

function scriptKind(file: string): ts.ScriptKind {
  const ext = extname(file);
  return ext === '.tsx' ? ts.ScriptKind.TSX : ext === '.jsx' ? ts.ScriptKind.JSX : ext.endsWith('js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, scriptKind(file));
}

export function scanFile(file: string, importedString?: ImportedString): FileFacts {
  const sf = parse(file);
  const imports = collectImports(sf, file);
  const facts: FileFacts = { file, imports: imports.bindings, exports: collectExports(sf), routers: new Map(), nestRoutes: [] };
  collectCallRoutes(sf, imports, facts, importedString);
  collectNestRoutes(sf, facts);
  return facts;
}

export const javascriptScanner: LanguageScanner = {
  name: 'javascript',
  accepts: (file) => SOURCE.has(extname(file)) && !file.endsWith('.d.ts'),
  scan: (files, dir, progress) => Promise.resolve(scanJavaScript(files, dir, progress)),
};

/** `files` and `dir` are absolute: import specifiers resolve to absolute files. */
function scanJavaScript(sources: string[], dir: string, progress: (file: string) => void): CodeRoute[] {
  const importedString = exportedStrings();
  const files = new Map(
    sources.map((f) => {
      const facts = scanFile(f, importedString);
      progress(f);
      return [f, facts];
    }),
  );
  const objects = new Map<string, RouterObject>();
  for (const f of files.values()) for (const o of f.routers.values()) objects.set(o.id, o);
  const resolveRef = (ref: BindingRef, depth = 0): RouterObject | undefined => {
    if (depth > 20) return undefined;
    const direct = objects.get(`${ref.file}#${ref.name}`);
    if (direct) return direct;
    const facts = files.get(ref.file);
    if (!facts) return undefined;
    const local = facts.exports.get(ref.name);
    if (local !== undefined && local !== ref.name) return resolveRef({ file: ref.file, name: local }, depth + 1);
    const imported = facts.imports.get(ref.name);
    return imported ? resolveRef(imported, depth + 1) : undefined;
  };
  const children = new Map<string, { prefix: string; child: RouterObject }[]>();
  const mounted = new Set<string>();
  for (const o of objects.values()) {
    const list: { prefix: string; child: RouterObject }[] = [];
    for (const m of o.mounts) {
      const child = resolveRef(m.target);
      if (child && child !== o) {
        list.push({ prefix: m.prefix, child });
        mounted.add(child.id);
      }
    }
    children.set(o.id, list);
  }
  const out: CodeRoute[] = [];
  const walk = (o: RouterObject, prefix: string, framework: Framework, stack: Set<string>): void => {
    if (stack.has(o.id)) return;
    stack.add(o.id);
    const fw = o.framework ?? framework;
    const base = joinPaths(prefix, o.ownPrefix);
    for (const r of o.routes) out.push({ method: r.method, path: joinPaths(base, r.path), file: relative(dir, o.file), line: r.line, framework: fw });
    for (const { prefix: p, child } of children.get(o.id) ?? []) walk(child, joinPaths(base, p), fw, stack);
    stack.delete(o.id);
  };
  for (const o of objects.values()) if (!mounted.has(o.id) && o.standalone) walk(o, '', o.framework ?? 'express', new Set());
  const globalPrefix = nestPrefix(files);
  for (const f of files.values()) for (const r of f.nestRoutes) out.push({ ...r, path: joinPaths(globalPrefix, r.path), file: relative(dir, r.file) });
  for (const [file, project] of nextProjects(sources)) {
    const where = project && nextRouteFile(file, project);
    if (project && where) out.push(...nextRoutes(parse(file), where, project, dir));
  }
  return out;
}

/** Exported module-level string constants, read once per file on first use (re-exports followed). */
function exportedStrings(): ImportedString {
  const cache = new Map<string, { strings: Map<string, string>; exports: Map<string, string>; imports: Map<string, BindingRef> }>();
  const lookup = (ref: BindingRef, depth: number): string | undefined => {
    if (depth > 5) return undefined;
    let facts = cache.get(ref.file);
    if (!facts) {
      try {
        const sf = parse(ref.file);
        facts = { strings: constStrings(sf), exports: collectExports(sf), imports: collectImports(sf, ref.file).bindings };
      } catch {
        facts = { strings: new Map(), exports: new Map(), imports: new Map() };
      }
      cache.set(ref.file, facts);
    }
    const local = facts.exports.get(ref.name);
    if (local === undefined) return undefined;
    const next = facts.imports.get(local);
    return facts.strings.get(local) ?? (next ? lookup(next, depth + 1) : undefined);
  };
  return (ref) => lookup(ref, 0);
}

function nestPrefix(files: Map<string, FileFacts>): string {
  for (const f of files.values()) if (f.nestGlobalPrefix) return f.nestGlobalPrefix;
  return '';
}
