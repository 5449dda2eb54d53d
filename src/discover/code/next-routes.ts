import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import ts from 'typescript';
import type { CodeRoute } from './route-model.js';

// Next.js API routes come from the file system, not from routing calls: pages/api/**.{js,ts} (method ANY unless the
// handler compares req.method with literals) and app/**/route.{js,ts} (one route per exported GET/POST/… handler),
// both also under src/, relative to the directory of a package.json that depends on `next` (or has a next.config.*).

const ROUTE_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.mjs']);
const APP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const HTTP_METHODS = new Set(APP_METHODS);
const CONFIG_NAMES = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs'];

export interface NextProject {
  root: string;
  basePath: string;
}

/** Next.js project roots of the given files: the nearest directory holding a package.json or next.config.*. */
export function nextProjects(files: string[]): Map<string, NextProject | undefined> {
  const byDir = new Map<string, NextProject | undefined>();
  const projectOf = (dir: string): NextProject | undefined => {
    if (byDir.has(dir)) return byDir.get(dir);
    const config = CONFIG_NAMES.map((n) => join(dir, n)).find(existsSync);
    const pkg = join(dir, 'package.json');
    let found: NextProject | undefined;
    if (config || existsSync(pkg)) {
      if (config || dependsOnNext(pkg)) found = { root: dir, basePath: config ? configBasePath(config) : '' };
    } else {
      const parent = dirname(dir);
      found = parent === dir ? undefined : projectOf(parent);
    }
    byDir.set(dir, found);
    return found;
  };
  const out = new Map<string, NextProject | undefined>();
  for (const f of files) out.set(f, projectOf(dirname(f)));
  return out;
}

function dependsOnNext(pkg: string): boolean {
  try {
    const json = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'peerDependencies'].some((k) => {
      const deps = json[k];
      return typeof deps === 'object' && deps !== null && 'next' in deps;
    });
  } catch {
    return false;
  }
}

/** `basePath: '/docs'` in next.config.*, when it is a literal. */
function configBasePath(config: string): string {
  const sf = ts.createSourceFile(config, readFileSync(config, 'utf8'), ts.ScriptTarget.Latest, true);
  let found = '';
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'basePath' && ts.isStringLiteralLike(n.initializer)) found = n.initializer.text;
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

export type RouteKind = { kind: 'pages'; segments: string[] } | { kind: 'app'; segments: string[] };

/** Where a file sits in a Next.js project's routing tree, if it is an API route file. */
export function nextRouteFile(file: string, project: NextProject): RouteKind | undefined {
  const ext = extname(file);
  if (!ROUTE_EXTENSIONS.has(ext)) return undefined;
  const parts = relative(project.root, file).split(sep);
  if (parts[0] === 'src') parts.shift();
  const name = basename(parts.pop()!, ext);
  if (parts[0] === 'pages' && parts[1] === 'api') {
    const segments = [...parts.slice(1), ...(name === 'index' ? [] : [name])];
    return { kind: 'pages', segments };
  }
  if (parts[0] === 'app' && name === 'route') {
    const dirs = parts.slice(1);
    // @slot parallel routes and _private folders are not routes; (.)x intercepting routes only apply to pages
    if (dirs.some((d) => d.startsWith('@') || d.startsWith('_') || d.startsWith('(.'))) return undefined;
    return { kind: 'app', segments: dirs.filter((d) => !(d.startsWith('(') && d.endsWith(')'))) };
  }
  return undefined;
}

/** [id] → {id}, [...slug] and [[...slug]] → {slug}. */
function segmentTemplate(s: string): string {
  const m = /^\[{1,2}(?:\.\.\.)?([^[\]]+)\]{1,2}$/.exec(s);
  return m ? `{${m[1]}}` : s;
}

/** The routes of a file nextRouteFile placed; `sf` is its syntax tree, `root` what CodeRoute.file is relative to. */
export function nextRoutes(sf: ts.SourceFile, where: RouteKind, project: NextProject, root: string): CodeRoute[] {
  const file = sf.fileName;
  const path = `/${[project.basePath.replace(/^\/+|\/+$/g, ''), ...where.segments.map(segmentTemplate)].filter(Boolean).join('/')}`;
  const line = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const route = (method: string, n: ts.Node): CodeRoute => ({ method, path, file: relative(root, file), line: line(n), framework: 'nextjs' });
  // export const GET = handle(app) (hono/vercel, hono/nextjs): a catch-all handing requests to an app whose own
  // routes are reported; the catch-all itself declares nothing
  if (delegatesToHono(sf)) return [];
  if (where.kind === 'app') return exportedMethods(sf).map(([m, n]) => route(m, n));
  const compared = comparedMethods(sf);
  if (compared.length > 0) return compared.map(([m, n]) => route(m, n));
  return [route('ANY', defaultExport(sf) ?? sf.statements[0] ?? sf)];
}

/** App router: export async function GET(), export const POST = …, export { handler as GET }. */
function exportedMethods(sf: ts.SourceFile): [string, ts.Node][] {
  const out: [string, ts.Node][] = [];
  const exported = (n: ts.Node): boolean => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const add = (name: string, n: ts.Node): void => {
    if (HTTP_METHODS.has(name) && !out.some(([m]) => m === name)) out.push([name, n]);
  };
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && exported(st)) add(st.name.text, st);
    else if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) add(d.name.text, d);
        else if (ts.isObjectBindingPattern(d.name)) for (const el of d.name.elements) if (ts.isIdentifier(el.name)) add(el.name.text, el); // export const { GET, POST } = handlers
      }
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.isTypeOnly)
      for (const el of st.exportClause.elements) add(el.name.text, el);
  }
  return out.sort((a, b) => APP_METHODS.indexOf(a[0]) - APP_METHODS.indexOf(b[0]));
}

const HONO_ADAPTERS = new Set(['hono/vercel', 'hono/nextjs']);

function delegatesToHono(sf: ts.SourceFile): boolean {
  return sf.statements.some(
    (st) =>
      ts.isImportDeclaration(st) &&
      ts.isStringLiteral(st.moduleSpecifier) &&
      HONO_ADAPTERS.has(st.moduleSpecifier.text) &&
      st.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(st.importClause.namedBindings) &&
      st.importClause.namedBindings.elements.some((e) => (e.propertyName ?? e.name).text === 'handle'),
  );
}

function defaultExport(sf: ts.SourceFile): ts.Node | undefined {
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st)) return st;
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return st;
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && st.exportClause.elements.some((e) => e.name.text === 'default')) return st;
    if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.left.getText(sf) === 'module.exports') return st;
  }
  return undefined;
}

/**
 * Pages router: the methods a handler tells apart — switch (req.method) { case 'GET': … }, req.method === 'POST',
 * ['GET', 'HEAD'].includes(req.method) — on a function's first parameter or `const { method } = req`.
 */
function comparedMethods(sf: ts.SourceFile): [string, ts.Node][] {
  const requests = new Set<string>();
  const methodAliases = new Set<string>();
  const collect = (n: ts.Node): void => {
    if ((ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n)) && n.parameters[0] && ts.isIdentifier(n.parameters[0].name))
      requests.add(n.parameters[0].name.text);
    ts.forEachChild(n, collect);
  };
  collect(sf);
  const aliases = (n: ts.Node): void => {
    // const { method } = req / const { method: verb } = req
    if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && ts.isIdentifier(n.initializer) && requests.has(n.initializer.text)) {
      for (const el of n.name.elements) {
        const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (prop === 'method' && ts.isIdentifier(el.name)) methodAliases.add(el.name.text);
      }
    }
    ts.forEachChild(n, aliases);
  };
  aliases(sf);
  const isMethod = (e: ts.Expression): boolean => {
    let x = e;
    // req.method?.toUpperCase(), (req.method as string)
    while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
    if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'toUpperCase') x = x.expression.expression;
    if (ts.isPropertyAccessExpression(x)) return x.name.text === 'method' && ts.isIdentifier(x.expression) && requests.has(x.expression.text);
    return ts.isIdentifier(x) && methodAliases.has(x.text);
  };
  const out: [string, ts.Node][] = [];
  const add = (e: ts.Expression | undefined, at: ts.Node): void => {
    if (e && ts.isStringLiteralLike(e) && HTTP_METHODS.has(e.text) && !out.some(([m]) => m === e.text)) out.push([e.text, at]);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isSwitchStatement(n) && isMethod(n.expression)) {
      for (const clause of n.caseBlock.clauses) if (ts.isCaseClause(clause)) add(clause.expression, clause);
    } else if (ts.isBinaryExpression(n) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(n.operatorToken.kind)) {
      if (isMethod(n.left)) add(n.right, n);
      else if (isMethod(n.right)) add(n.left, n);
    } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'includes' && n.arguments[0] && isMethod(n.arguments[0])) {
      const list = n.expression.expression;
      if (ts.isArrayLiteralExpression(list)) for (const el of list.elements) add(el, n);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
