import { join } from 'node:path';
import type { SyntaxNode } from '../tree-sitter.js';
import { lineOf } from '../tree-sitter.js';
import { deviseRoutes, type DeviseModel } from './devise-routes.js';
import { mergeRailsPath, normalizeRailsPath, railsTemplates } from './rails-paths.js';
import {
  collectionScope,
  inResourceScope,
  makeResource,
  memberScope,
  methodScope,
  nestedScope,
  newScope,
  withScopeOptions,
  type Entries,
  type RouteScope,
} from './rails-scope.js';
import { callArgs, name, names, option, truthy, type RubyValue } from './ruby-values.js';

// Runs the routing DSL of config/routes.rb over its syntax tree the way ActionDispatch::Routing::Mapper would, with
// literal arguments only: verbs, match, root, resources/resource (nesting, shallow, member/collection, only/except,
// param, path, path_names, concerns), namespace, scope, api_version, concern/concerns, draw and mount.

export interface RailsRouteSink {
  route(method: string, path: string, file: string, line: number): void;
}

export interface RailsApp {
  /** config/routes, where `draw :name` looks. */
  drawDir: string;
  apiOnly: boolean;
  /** Parsed route files by absolute path. */
  files: Map<string, SyntaxNode>;
  /** Engine constant (`Blorgh::Engine`) → its `routes.draw` block, run where it is mounted. */
  mountEngine(constant: string, scope: RouteScope): boolean;
  /** The Devise modules of the model behind `devise_for :users` (class_name when given). */
  deviseModel(resource: string, className: string | undefined): DeviseModel;
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head']);
const CANONICAL_ACTIONS = new Set(['index', 'create', 'new', 'show', 'update', 'destroy']);
const CONTAINERS = new Set([
  'body_statement',
  'block_body',
  'begin',
  'if',
  'unless',
  'elsif',
  'else',
  'then',
  'case',
  'when',
  'if_modifier',
  'unless_modifier',
  'parenthesized_statements',
  'ensure',
]);
/** Block-taking calls whose bodies are not routes. */
const NOT_ROUTES = new Set(['direct', 'resolve', 'concern']);
const RESOURCE_OPTIONS = new Set(['as', 'controller', 'path', 'only', 'except', 'param', 'concerns']);
const MAX_DRAW_DEPTH = 8;

function withDefaults(own: Entries, defaults: Entries | undefined): Entries {
  if (!defaults || defaults.length === 0) return own;
  const ownKeys = new Set(own.map(([k]) => name(k)));
  return [...defaults.filter(([k]) => !ownKeys.has(name(k))), ...own];
}

interface Call {
  node: SyntaxNode;
  file: string;
  line: number;
  positional: RubyValue[];
  options: Entries;
  block: SyntaxNode | null;
}

export class RailsMapper {
  private readonly concernBlocks = new Map<string, { block: SyntaxNode; file: string }>();
  private drawDepth = 0;

  constructor(
    private readonly app: RailsApp,
    private readonly sink: RailsRouteSink,
  ) {}

  block(block: SyntaxNode | null, scope: RouteScope, file: string): void {
    const body = block?.childForFieldName('body');
    if (body) this.statements(body, scope, file);
  }

  statements(node: SyntaxNode, scope: RouteScope, file: string): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'call') {
        const receiver = child.childForFieldName('receiver');
        if (!receiver || (receiver.type === 'identifier' && scope.mapperAliases?.includes(receiver.text))) this.dsl(child, scope, file);
      } else if (CONTAINERS.has(child.type)) this.statements(child, scope, file);
    }
  }

  private dsl(node: SyntaxNode, scope: RouteScope, file: string): void {
    const method = node.childForFieldName('method')?.text ?? '';
    const args = callArgs(node);
    const { positional } = args;
    const options = withDefaults(args.options, scope.callDefaults);
    const call: Call = { node, file, line: lineOf(node), positional, options, block: node.childForFieldName('block') };
    if (VERBS.has(method)) return this.verb(call, scope, method.toUpperCase());
    switch (method) {
      case 'match':
        return this.verb(call, scope, undefined);
      case 'root':
        return this.root(call, scope);
      case 'resources':
      case 'resource':
        return this.resources(call, scope, method === 'resource', positional);
      case 'namespace':
        return this.namespace(call, scope);
      case 'scope': {
        const parts = positional.map(name);
        if (parts.some((p) => p === undefined)) return;
        const s = withScopeOptions(scope, parts.length > 0 ? parts.join('/') : undefined, options);
        return s ? this.block(call.block, s, file) : undefined;
      }
      case 'api_version': {
        const path = option(options, 'path');
        const value = path?.t === 'hash' ? name(option(path.entries, 'value')) : name(path);
        return this.block(call.block, value === undefined ? scope : { ...scope, path: mergeRailsPath(scope.path, value) }, file);
      }
      case 'member':
      case 'collection':
      case 'new': {
        const s = methodScope(scope, method);
        return s ? this.block(call.block, s, file) : undefined;
      }
      case 'nested':
        return inResourceScope(scope) ? this.block(call.block, nestedScope(scope), file) : undefined;
      case 'shallow':
        return this.block(call.block, { ...scope, shallow: true }, file);
      case 'concern': {
        const concernName = name(positional[0]);
        if (concernName !== undefined && call.block) this.concernBlocks.set(concernName, { block: call.block, file });
        return;
      }
      case 'concerns':
        return this.concerns(positional.flatMap((v) => names(v) ?? []), scope);
      case 'draw':
        return this.draw(name(positional[0]), scope);
      case 'mount':
        return this.mount(call, scope);
      case 'devise_for':
        return this.deviseFor(call, scope);
      case 'with_options': {
        const params = call.block?.childForFieldName('parameters')?.namedChildren.flatMap((p) => (p?.type === 'identifier' ? [p.text] : [])) ?? [];
        return this.block(call.block, { ...scope, callDefaults: options, mapperAliases: [...(scope.mapperAliases ?? []), ...params] }, file);
      }
      default:
        // constraints, defaults, controller, and gems' wrappers (devise_scope, authenticate …) keep the path.
        if (call.block && !NOT_ROUTES.has(method)) this.block(call.block, scope, file);
    }
  }

  private emit(methods: string[], path: string, call: Call): void {
    for (const via of methods) {
      const method = via === 'all' ? 'ANY' : via.toUpperCase();
      for (const template of railsTemplates(path)) this.sink.route(method, template, call.file, call.line);
    }
  }

  /** Mapper#add_route's path_for_action. */
  private addRoute(scope: RouteScope, action: string, path: string | undefined, via: string[], call: Call): void {
    const methodLevel = scope.level === 'collection' || scope.level === 'member' || scope.level === 'new';
    let full: string;
    if (path !== undefined) full = `${scope.path}/${path}`;
    else if (methodLevel && CANONICAL_ACTIONS.has(action)) full = scope.path;
    else full = `${scope.path}/${scope.pathNames[action] ?? action}`;
    if (full === '') return;
    this.emit(via, normalizeRailsPath(full), call);
  }

  /** Mapper#decomposed_match: `on:`, and the implicit nesting of routes declared inside a resource block. */
  private decomposed(scope: RouteScope, action: string, path: string | undefined, on: string | undefined, via: string[], call: Call): void {
    if (on !== undefined) {
      const s = methodScope(scope, on);
      if (s) this.addRoute(s, action, path, via, call);
    } else if (scope.level === 'resources') this.addRoute(nestedScope(scope), action, path, via, call);
    else if (scope.level === 'resource') this.addRoute(memberScope(scope), action, path, via, call);
    else this.addRoute(scope, action, path, via, call);
  }

  private verb(call: Call, scope: RouteScope, httpMethod: string | undefined): void {
    let paths = call.positional;
    let options = call.options;
    if (paths.length === 0) {
      const shorthand = options.find(([k]) => k.t === 'str');
      if (shorthand) {
        paths = [shorthand[0]];
        options = options.filter((e) => e !== shorthand);
      }
    }
    const via = httpMethod ? [httpMethod] : (names(option(options, 'via')) ?? scope.via);
    if (!via || via.length === 0) return;
    const on = name(option(options, 'on'));
    const optionPath = name(option(options, 'path'));
    for (const p of paths) {
      if (p.t === 'str') this.decomposed(scope, p.v, p.v, on, via, call);
      else if (p.t === 'sym') this.decomposed(scope, p.v, optionPath, on, via, call);
    }
  }

  private root(call: Call, scope: RouteScope): void {
    const via = names(option(call.options, 'via')) ?? ['get'];
    if (scope.level === 'resources') this.addRoute({ ...scope, level: 'root', path: mergeRailsPath(scope.path, scope.resource!.path) }, '/', '/', via, call);
    else this.decomposed(scope, '/', '/', undefined, via, call);
  }

  private resources(call: Call, scope: RouteScope, singleton: boolean, resourceNames: RubyValue[]): void {
    const literal = resourceNames.filter((v) => v.t !== 'other');
    if (literal.length !== resourceNames.length && resourceNames[resourceNames.length - 1]?.t !== 'other') return;
    if (literal.length > 1) {
      for (const r of literal) this.resources(call, scope, singleton, [r]);
      return;
    }
    const resourceName = name(literal[0]);
    if (resourceName === undefined) return;
    let options = call.options;
    if (truthy(option(options, 'shallow'))) {
      options = options.filter(([k]) => name(k) !== 'shallow');
      return this.resources({ ...call, options }, { ...scope, shallow: true }, singleton, [literal[0]!]);
    }
    if (inResourceScope(scope)) return this.resources(call, nestedScope(scope), singleton, [literal[0]!]);
    const scopeOptions = options.filter(([k]) => !RESOURCE_OPTIONS.has(name(k) ?? ''));
    if (scopeOptions.length > 0) {
      const s = withScopeOptions(scope, undefined, scopeOptions);
      if (!s) return;
      const own = options.filter(([k]) => RESOURCE_OPTIONS.has(name(k) ?? ''));
      return this.resources({ ...call, options: own }, s, singleton, [literal[0]!]);
    }
    const resource = makeResource(resourceName, options, singleton, scope, this.app.apiOnly);
    const rs: RouteScope = { ...scope, level: singleton ? 'resource' : 'resources', resource, shallowDepth: scope.shallowDepth + (resource.shallow ? 1 : 0) };
    this.block(call.block, rs, call.file);
    this.concerns(names(option(options, 'concerns')) ?? [], rs);
    const has = (a: string): boolean => resource.actions.has(a);
    if (!singleton) {
      if (has('index')) this.addRoute(collectionScope(rs), 'index', undefined, ['get'], call);
      if (has('create')) this.addRoute(collectionScope(rs), 'create', undefined, ['post'], call);
    }
    if (has('new')) this.addRoute(newScope(rs), 'new', undefined, ['get'], call);
    const member = memberScope(rs);
    if (has('edit')) this.addRoute(member, 'edit', undefined, ['get'], call);
    if (has('show')) this.addRoute(member, 'show', undefined, ['get'], call);
    if (has('update')) this.addRoute(member, 'update', undefined, ['patch', 'put'], call);
    if (has('destroy')) this.addRoute(member, 'destroy', undefined, ['delete'], call);
    if (singleton && has('create')) this.addRoute(collectionScope(rs), 'create', undefined, ['post'], call);
  }

  private namespace(call: Call, scope: RouteScope): void {
    const base = inResourceScope(scope) ? nestedScope(scope) : scope;
    const nsName = name(call.positional[0]);
    if (nsName === undefined) return;
    const pathOption = option(call.options, 'path');
    const path = pathOption ? (pathOption.t === 'nil' ? '' : name(pathOption)) : nsName;
    if (path === undefined) return;
    const s: RouteScope = { ...base, path: mergeRailsPath(base.path, path), shallowPath: mergeRailsPath(base.shallowPath, path) };
    const rest = withScopeOptions(s, undefined, call.options.filter(([k]) => name(k) !== 'path'));
    if (rest) this.block(call.block, rest, call.file);
  }

  private concerns(concernNames: string[], scope: RouteScope): void {
    for (const n of concernNames) {
      const c = this.concernBlocks.get(n);
      if (c) this.block(c.block, scope, c.file);
    }
  }

  private draw(drawName: string | undefined, scope: RouteScope): void {
    if (drawName === undefined || this.drawDepth >= MAX_DRAW_DEPTH) return;
    const file = join(this.app.drawDir, `${drawName}.rb`);
    const tree = this.app.files.get(file);
    if (!tree) return;
    this.drawDepth++;
    try {
      this.statements(tree, scope, file);
    } finally {
      this.drawDepth--;
    }
  }

  private deviseFor(call: Call, scope: RouteScope): void {
    const className = name(option(call.options, 'class_name'));
    const pathOption = option(call.options, 'path');
    for (const v of call.positional) {
      const resource = name(v);
      if (resource === undefined) continue;
      const path = pathOption ? name(pathOption) : resource;
      if (path === undefined) return;
      const base = mergeRailsPath(scope.path, path);
      for (const r of deviseRoutes(call.options, this.app.deviseModel(resource, className))) this.emit(r.methods, mergeRailsPath(base, r.path), call);
    }
  }

  /** `mount App => '/path'` / `mount App, at: '/path'`: an engine found in the project is expanded, else ANY path. */
  private mount(call: Call, scope: RouteScope): void {
    let target: RubyValue | undefined;
    let at: string | undefined;
    if (call.positional.length > 0) {
      target = call.positional[0];
      at = name(option(call.options, 'at'));
    } else {
      const entry = call.options.find(([k]) => k.t !== 'sym' && k.t !== 'str');
      if (entry) [target, at] = [entry[0], name(entry[1])];
    }
    if (at === undefined) return;
    const path = mergeRailsPath(scope.path, at);
    if (target?.t === 'const' && this.app.mountEngine(target.v, { ...scope, path, level: undefined, resource: undefined })) return;
    this.emit(['all'], path, call);
  }
}
