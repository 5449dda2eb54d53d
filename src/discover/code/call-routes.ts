import ts from 'typescript';
import type { FileFacts, Framework, Mount, RouterObject } from './route-model.js';
import { DEFAULT_FUNCTION, requireSpecifier, type Imports } from './file-bindings.js';
import { resolveModule } from './module-paths.js';

// Express, Fastify and Koa: routes registered by calls (app.get('/x'), router.route('/x').post(), fastify.route({}))
// on apps, routers and plugin functions (the function's first parameter), and the mounts that join them
// (app.use('/p', router), router.use('/p', child.routes()), fastify.register(plugin, { prefix }), setup(app)).

const HTTP_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'all']);
const FRAMEWORK_OF_MODULE: Record<string, Framework> = { express: 'express', fastify: 'fastify', 'fastify-plugin': 'fastify', koa: 'koa', '@koa/router': 'koa', 'koa-router': 'koa' };

type Scope = Map<string, string>;

export function collectCallRoutes(sf: ts.SourceFile, imports: Imports, facts: FileFacts): void {
  const file = facts.file;
  const framework = fileFramework(imports);
  const strings = constStrings(sf);
  const line = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const objectNamed = (name: string, fw: Framework | undefined): RouterObject => {
    let o = facts.routers.get(name);
    if (!o) {
      o = { id: `${file}#${name}`, file, ownPrefix: '', standalone: framework !== undefined, routes: [], mounts: [] };
      const chosen = fw ?? framework;
      if (chosen) o.framework = chosen;
      facts.routers.set(name, o);
    }
    return o;
  };
  const text = (n: ts.Node | undefined): string | undefined => {
    if (!n) return undefined;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
    if (ts.isIdentifier(n)) return strings.get(n.text);
    return undefined;
  };

  // routers created by declarations: const app = express(), const r = new Router({ prefix: '/v1' }) …
  const top: Scope = new Map();
  const visitDeclarations = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const created = creation(unwrap(node.initializer), imports);
      if (created) {
        const o = objectNamed(node.name.text, created.framework);
        o.ownPrefix = created.prefix ?? '';
        o.standalone = true;
        top.set(node.name.text, node.name.text);
      }
    }
    ts.forEachChild(node, visitDeclarations);
  };
  visitDeclarations(sf);

  const lookup = (scopes: Scope[], name: string): string | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const hit = scopes[i]!.get(name);
      if (hit) return hit;
    }
    return undefined;
  };
  const receiver = (scopes: Scope[], expr: ts.Expression): RouterObject | undefined => {
    const e = unwrap(expr);
    if (!ts.isIdentifier(e)) return undefined;
    const name = lookup(scopes, e.text);
    return name ? objectNamed(name, undefined) : undefined;
  };
  const refOf = (scopes: Scope[], node: ts.Expression): Mount['target'] | undefined => {
    const e = unwrap(node);
    if (ts.isIdentifier(e)) {
      const local = lookup(scopes, e.text);
      if (local) return { file, name: local };
      return imports.bindings.get(e.text) ?? { file, name: e.text };
    }
    if (isFunctionLike(e)) return { file, name: `@${e.pos}` };
    const spec = requireSpecifier(e) ?? dynamicImport(e);
    if (spec) {
      const target = resolveModule(file, spec);
      return target ? { file: target, name: 'default' } : undefined;
    }
    // koa: router.routes() / router.middleware()
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['routes', 'middleware'].includes(e.expression.name.text))
      return refOf(scopes, e.expression.expression);
    // fastify: import('./plugin.js').then? / plugin.default
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'default') return refOf(scopes, e.expression);
    return undefined;
  };

  const visit = (node: ts.Node, scopes: Scope[]): void => {
    if (isFunctionLike(node)) {
      const first = node.parameters[0];
      if (first && ts.isIdentifier(first.name)) {
        const scope: Scope = new Map([[first.name.text, functionBinding(node)]]);
        ts.forEachChild(node, (c) => visit(c, [...scopes, scope]));
        return;
      }
    }
    if (ts.isCallExpression(node)) handleCall(node, scopes);
    ts.forEachChild(node, (c) => visit(c, scopes));
  };

  const handleCall = (call: ts.CallExpression, scopes: Scope[]): void => {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) {
      // setup(app) / require('./routes')(app): the function's routes hang off the router passed to it
      const target = call.arguments.map((a) => receiver(scopes, a)).find(Boolean);
      const fn = ts.isIdentifier(callee) && !lookup(scopes, callee.text) ? refOf(scopes, callee) : requireSpecifier(callee) ? refOf(scopes, callee) : undefined;
      if (target && fn && (!ts.isIdentifier(callee) || !['require', 'express', 'Router'].includes(callee.text))) target.mounts.push({ prefix: '', target: fn });
      return;
    }
    const method = callee.name.text;
    const route = routeChainBase(callee.expression);
    if (route && HTTP_METHODS.has(method)) {
      const recv = receiver(scopes, route.receiver);
      const path = text(route.path);
      if (recv && path !== undefined) recv.routes.push({ method: method.toUpperCase(), path, line: line(call) });
      return;
    }
    const recv = receiver(scopes, callee.expression);
    if (!recv) return;
    const args = call.arguments;
    if (HTTP_METHODS.has(method) && args.length >= 2) {
      // koa named routes: router.get('name', '/path', handler)
      const first = text(args[0]);
      const second = text(args[1]);
      const path = first !== undefined && second !== undefined && !first.startsWith('/') && second.startsWith('/') ? second : first;
      if (path !== undefined) recv.routes.push({ method: method.toUpperCase(), path, line: line(call) });
    } else if (method === 'route' && args[0] && ts.isObjectLiteralExpression(args[0])) {
      const options = objectProps(args[0]);
      const path = text(options.get('url') ?? options.get('path'));
      const m = options.get('method');
      const methods = m && ts.isArrayLiteralExpression(m) ? m.elements.map(text) : [text(m)];
      if (path !== undefined) for (const x of methods) if (x) recv.routes.push({ method: x.toUpperCase(), path, line: line(call) });
    } else if (method === 'use') {
      let prefix = '';
      let rest: readonly ts.Expression[] = args;
      const first = text(args[0]);
      if (first !== undefined) {
        prefix = first;
        rest = args.slice(1);
      }
      for (const a of rest.flatMap((x) => (ts.isArrayLiteralExpression(x) ? [...x.elements] : [x]))) {
        const target = refOf(scopes, a);
        if (target) recv.mounts.push({ prefix, target });
      }
    } else if (method === 'register' && args[0]) {
      const target = refOf(scopes, args[0]);
      const options = args[1] && ts.isObjectLiteralExpression(args[1]) ? objectProps(args[1]) : undefined;
      if (target) recv.mounts.push({ prefix: text(options?.get('prefix')) ?? '', target });
    } else if (method === 'prefix' && args.length === 1) {
      recv.ownPrefix = text(args[0]) ?? recv.ownPrefix;
    }
  };

  visit(sf, [top]);
  for (const [name, o] of [...facts.routers]) if (o.routes.length === 0 && o.mounts.length === 0 && !top.has(name)) facts.routers.delete(name);
}

function fileFramework(imports: Imports): Framework | undefined {
  for (const { module } of imports.specifiers.values()) {
    const fw = FRAMEWORK_OF_MODULE[module];
    if (fw) return fw;
  }
  return undefined;
}

/** What a declaration's initializer creates, if it is an app or router. */
function creation(e: ts.Expression, imports: Imports): { framework: Framework; prefix?: string } | undefined {
  const moduleOf = (id: ts.Expression): string | undefined => (ts.isIdentifier(id) ? imports.specifiers.get(id.text)?.module : undefined);
  if (ts.isCallExpression(e)) {
    const c = e.expression;
    const m = moduleOf(c);
    if (m === 'express') return { framework: 'express' };
    if (m === 'fastify') return { framework: 'fastify' };
    if (ts.isPropertyAccessExpression(c) && c.name.text === 'Router' && moduleOf(c.expression) === 'express') return { framework: 'express' };
  }
  if (ts.isNewExpression(e)) {
    const m = moduleOf(e.expression);
    if (m === 'koa') return { framework: 'koa' };
    if (m === '@koa/router' || m === 'koa-router') {
      const arg = e.arguments?.[0];
      const prefix = arg && ts.isObjectLiteralExpression(arg) ? objectProps(arg).get('prefix') : undefined;
      return { framework: 'koa', ...(prefix && ts.isStringLiteralLike(prefix) ? { prefix: prefix.text } : {}) };
    }
  }
  return undefined;
}

/** router.route('/x').get(h).post(h): the receiver and path at the base of the chain. */
function routeChainBase(e: ts.Expression): { receiver: ts.Expression; path: ts.Expression | undefined } | undefined {
  let cur = e;
  while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) {
    if (cur.expression.name.text === 'route' && cur.arguments[0] && !ts.isObjectLiteralExpression(cur.arguments[0]))
      return { receiver: cur.expression.expression, path: cur.arguments[0] };
    cur = cur.expression.expression;
  }
  return undefined;
}

function objectProps(o: ts.ObjectLiteralExpression): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  for (const p of o.properties) if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.set(p.name.text, p.initializer);
  return out;
}

function constStrings(sf: ts.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer && ts.isStringLiteralLike(d.initializer)) out.set(d.name.text, d.initializer.text);
  }
  return out;
}

function unwrap(e: ts.Expression): ts.Expression {
  let cur = e;
  while (ts.isAwaitExpression(cur) || ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isNonNullExpression(cur)) cur = cur.expression;
  return cur;
}

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

function isFunctionLike(n: ts.Node): n is FunctionLike {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n);
}

/** The name a function is reachable by: its own, its variable's, the default export, or its position. */
function functionBinding(fn: FunctionLike): string {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text ?? DEFAULT_FUNCTION;
  const parent = fn.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isExportAssignment(parent)) return DEFAULT_FUNCTION;
  if (ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left) && parent.left.name.text === 'exports') return DEFAULT_FUNCTION;
  return `@${fn.pos}`;
}

function dynamicImport(e: ts.Expression): string | undefined {
  if (ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword && e.arguments[0] && ts.isStringLiteral(e.arguments[0])) return e.arguments[0].text;
  return undefined;
}
