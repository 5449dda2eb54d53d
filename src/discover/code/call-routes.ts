import ts from 'typescript';
import { joinPaths, type BindingRef, type FileFacts, type Framework, type Mount, type RouterObject } from './route-model.js';
import { DEFAULT_FUNCTION, requireSpecifier, type Imports } from './file-bindings.js';
import { resolveModule } from './module-paths.js';

// Express, Fastify, Koa and Hono: routes registered by calls (app.get('/x'), router.route('/x').post(),
// fastify.route({}), app.on(['PUT', 'DELETE'], '/x'), chains such as new Hono().get('/a').post('/b')) on apps,
// routers and plugin functions (the function's first parameter), and the mounts that join them (app.use('/p', router),
// router.use('/p', child.routes()), fastify.register(plugin, { prefix }), app.route('/p', subApp), setup(app)).

const HTTP_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'all']);
/** Calls that return the router they are called on, so more calls can be chained. */
const CHAINABLE = new Set([...HTTP_METHODS, 'on', 'use', 'route', 'basePath', 'openapi']);
const HONO_MODULES = new Set(['hono', 'hono/tiny', 'hono/quick', '@hono/zod-openapi']);
const FRAMEWORK_OF_MODULE: Record<string, Framework> = {
  express: 'express',
  fastify: 'fastify',
  'fastify-plugin': 'fastify',
  koa: 'koa',
  '@koa/router': 'koa',
  'koa-router': 'koa',
  ...Object.fromEntries([...HONO_MODULES, 'hono/factory'].map((m) => [m, 'hono' as const])),
};
/** A method name in app.on('PURGE', …): standard ones and custom upper-case words. */
const METHOD_WORD = /^[A-Z]{3,12}$/;

/** 'all' → ANY: the route answers every method. */
function methodName(m: string): string {
  const upper = m.toUpperCase();
  return upper === 'ALL' ? 'ANY' : upper;
}

type Scope = Map<string, string>;

/** A string constant exported by another source file (`import { API_PREFIX } from './config'`), if it is one. */
export type ImportedString = (ref: BindingRef) => string | undefined;

export function collectCallRoutes(sf: ts.SourceFile, imports: Imports, facts: FileFacts, importedString: ImportedString = () => undefined): void {
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
    if (ts.isIdentifier(n)) {
      const ref = imports.bindings.get(n.text);
      return strings.get(n.text) ?? (ref ? importedString(ref) : undefined);
    }
    return undefined;
  };

  // routers created by declarations: const app = express(), const r = new Router({ prefix: '/v1' }),
  // const api = new Hono().basePath('/api').get(…), const v1 = app.basePath('/v1') …
  const top: Scope = new Map();
  /** `new Hono()` expressions at the base of a declaration's chain → the declared name. */
  const createdAt = new Map<ts.Node, string>();
  /** basePath() calls already counted in a declared router's own prefix. */
  const ownBasePaths = new Set<ts.Node>();
  const visitDeclarations = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const name = node.name.text;
      const chain = chainBase(node.initializer);
      const created = creation(chain.base, imports);
      const basePrefix = chain.basePaths.map((b) => text(b.arguments[0]) ?? '');
      if (created) {
        const o = objectNamed(name, created.framework);
        o.ownPrefix = joinPaths(created.prefix ?? '', ...basePrefix);
        if (o.ownPrefix === '/') o.ownPrefix = '';
        o.standalone = true;
        top.set(name, name);
        createdAt.set(chain.base, name);
        for (const b of chain.basePaths) ownBasePaths.add(b);
      } else if (ts.isIdentifier(chain.base) && top.has(chain.base.text) && chain.calls > 0) {
        const parent = top.get(chain.base.text)!;
        if (basePrefix.length > 0) {
          // const api = app.basePath('/api'): a view of app under /api
          const o = objectNamed(name, facts.routers.get(parent)?.framework);
          o.standalone = false;
          objectNamed(parent, undefined).mounts.push({ prefix: joinPaths(...basePrefix), target: { file, name } });
          top.set(name, name);
        } else top.set(name, parent); // const routes = app.route('/a', a).route('/b', b)
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
  /** The router a call is made on, through chains (app.get(…).post(…), new Hono().basePath('/api').get(…)). */
  const chainReceiver = (scopes: Scope[], expr: ts.Expression): { object: RouterObject; prefix: string } | undefined => {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) {
      const object = receiver(scopes, e);
      return object && { object, prefix: '' };
    }
    if (ts.isNewExpression(e) || ts.isCallExpression(e)) {
      const created = createdAt.get(e) ?? anonymousCreation(e);
      if (created) return { object: objectNamed(created, undefined), prefix: '' };
    }
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && CHAINABLE.has(e.expression.name.text)) {
      const inner = chainReceiver(scopes, e.expression.expression);
      if (!inner || e.expression.name.text !== 'basePath' || ownBasePaths.has(e)) return inner;
      return { object: inner.object, prefix: joinPaths(inner.prefix, text(e.arguments[0]) ?? '') };
    }
    return undefined;
  };
  /** export default new Hono().get(…): an app created where no variable names it. */
  const anonymousCreation = (e: ts.Expression): string | undefined => {
    const created = creation(e, imports);
    if (!created) return undefined;
    let outer: ts.Node = e;
    while (ts.isPropertyAccessExpression(outer.parent) || (ts.isCallExpression(outer.parent) && outer.parent.expression === outer)) outer = outer.parent;
    const name = ts.isExportAssignment(outer.parent) ? DEFAULT_FUNCTION : `@${e.pos}`;
    const o = objectNamed(name, created.framework);
    o.standalone = true;
    o.ownPrefix = created.prefix ?? '';
    createdAt.set(e, name);
    return name;
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
      if (recv && path !== undefined) recv.routes.push({ method: methodName(method), path, line: line(callee.name) });
      return;
    }
    const on = chainReceiver(scopes, callee.expression);
    if (!on) return;
    const recv = on.object;
    const at = (path: string): string => (on.prefix ? `${on.prefix}/${path}` : path);
    const add = (m: string, path: string): void => {
      recv.routes.push({ method: methodName(m), path: at(path), line: line(callee.name) });
    };
    const args = call.arguments;
    if (HTTP_METHODS.has(method) && args.length >= 2) {
      // koa named routes: router.get('name', '/path', handler)
      const first = text(args[0]);
      const second = text(args[1]);
      const path = first !== undefined && second !== undefined && !first.startsWith('/') && second.startsWith('/') ? second : first;
      if (path !== undefined) add(method, path);
    } else if (method === 'on' && args.length >= 2) {
      // hono: app.on('PURGE', '/cache', h), app.on(['PUT', 'DELETE'], ['/a', '/b'], h)
      const methods = stringList(args[0]!, text).filter((m) => METHOD_WORD.test(m.toUpperCase()) && m === m.toUpperCase());
      const paths = stringList(args[1]!, text).filter((p) => p.startsWith('/') || p === '*');
      for (const m of methods) for (const p of paths) add(m, p);
    } else if (method === 'route' && args[0] && ts.isObjectLiteralExpression(args[0])) {
      const options = objectProps(args[0]);
      const path = text(options.get('url') ?? options.get('path'));
      const m = options.get('method');
      const methods = m && ts.isArrayLiteralExpression(m) ? m.elements.map(text) : [text(m)];
      if (path !== undefined) for (const x of methods) if (x) add(x, path);
    } else if (method === 'route' && args.length === 2) {
      // hono: app.route('/books', books)
      const prefix = text(args[0]);
      const target = refOf(scopes, args[1]!);
      if (prefix !== undefined && target) recv.mounts.push({ prefix: at(prefix), target });
    } else if (method === 'openapi' && args[0]) {
      // @hono/zod-openapi: app.openapi(createRoute({ method: 'get', path: '/users/{id}' }), handler)
      const spec = openApiRoutes.get(unwrap(args[0]).getText(sf)) ?? createRouteOptions(args[0]);
      const path = text(spec?.get('path'));
      const m = text(spec?.get('method'));
      if (path !== undefined && m) add(m, path);
    } else if ((method === 'doc' || method === 'doc31') && args.length >= 2) {
      // @hono/zod-openapi serves the OpenAPI document: app.doc('/doc', { … })
      const path = text(args[0]);
      if (path !== undefined) add('GET', path);
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
        if (target) recv.mounts.push({ prefix: at(prefix), target });
      }
    } else if (method === 'register' && args[0]) {
      const target = refOf(scopes, args[0]);
      const options = args[1] && ts.isObjectLiteralExpression(args[1]) ? objectProps(args[1]) : undefined;
      if (target) recv.mounts.push({ prefix: text(options?.get('prefix')) ?? '', target });
    } else if (method === 'prefix' && args.length === 1) {
      recv.ownPrefix = text(args[0]) ?? recv.ownPrefix;
    }
  };

  const openApiRoutes = new Map<string, Map<string, ts.Expression>>();
  for (const st of sf.statements) {
    const decl = ts.isVariableStatement(st) ? st.declarationList.declarations : [];
    for (const d of decl) {
      const options = d.initializer ? createRouteOptions(d.initializer) : undefined;
      if (options && ts.isIdentifier(d.name)) openApiRoutes.set(d.name.text, options);
    }
  }
  visit(sf, [top]);
  for (const [name, o] of [...facts.routers]) if (o.routes.length === 0 && o.mounts.length === 0 && !top.has(name)) facts.routers.delete(name);
}

function stringList(e: ts.Expression, text: (n: ts.Expression) => string | undefined): string[] {
  const items = ts.isArrayLiteralExpression(e) ? [...e.elements] : [e];
  return items.map(text).filter((x): x is string => x !== undefined);
}

/** createRoute({ method, path, … }) → its options. */
function createRouteOptions(e: ts.Expression): Map<string, ts.Expression> | undefined {
  const c = unwrap(e);
  if (!ts.isCallExpression(c) || !ts.isIdentifier(c.expression) || c.expression.text !== 'createRoute') return undefined;
  const arg = c.arguments[0];
  return arg && ts.isObjectLiteralExpression(arg) ? objectProps(arg) : undefined;
}

/** The expression at the base of a call chain (a.basePath('/x').get(…) → a) and the basePath() calls on the way. */
function chainBase(init: ts.Expression): { base: ts.Expression; basePaths: ts.CallExpression[]; calls: number } {
  const basePaths: ts.CallExpression[] = [];
  let calls = 0;
  let cur = unwrap(init);
  while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression) && CHAINABLE.has(cur.expression.name.text)) {
    if (cur.expression.name.text === 'basePath') basePaths.unshift(cur);
    calls++;
    cur = unwrap(cur.expression.expression);
  }
  return { base: cur, basePaths, calls };
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
    // hono/factory: createFactory().createApp()
    if (ts.isPropertyAccessExpression(c) && c.name.text === 'createApp' && [...imports.specifiers.values()].some((s) => s.module === 'hono/factory'))
      return { framework: 'hono' };
  }
  if (ts.isNewExpression(e)) {
    const m = moduleOf(e.expression);
    if (m === 'koa') return { framework: 'koa' };
    if (m && HONO_MODULES.has(m)) return { framework: 'hono' };
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
    if (cur.expression.name.text === 'route' && cur.arguments.length === 1 && !ts.isObjectLiteralExpression(cur.arguments[0]!))
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

export function constStrings(sf: ts.SourceFile): Map<string, string> {
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
