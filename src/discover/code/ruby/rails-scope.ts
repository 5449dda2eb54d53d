import { singularize } from './inflect.js';
import { mergeRailsPath } from './rails-paths.js';
import { name, names, option, truthy, type RubyValue } from './ruby-values.js';

// The routing scope ActionDispatch::Routing::Mapper keeps while routes.rb runs, reduced to what shapes paths:
// the path so far, shallow nesting, the resource being defined and the scope level (member, collection, …).

export type ScopeLevel = 'resources' | 'resource' | 'nested' | 'member' | 'collection' | 'new' | 'root' | undefined;

export interface Resource {
  path: string;
  param: string;
  singular: string;
  singleton: boolean;
  shallow: boolean;
  actions: Set<string>;
}

export interface RouteScope {
  path: string;
  shallowPath?: string;
  shallow: boolean;
  level: ScopeLevel;
  resource?: Resource;
  /** Resource scopes above this one that are shallow (Mapper#shallow_nesting_depth). */
  shallowDepth: number;
  pathNames: Record<string, string>;
  only?: string[];
  except?: string[];
  via?: string[];
  /** `with_options only: :index do … end`: options merged under every call's own (ActiveSupport's OptionMerger). */
  callDefaults?: Entries;
  /** Block parameters of `with_options do |r|`: calls on them are routing calls. */
  mapperAliases?: string[];
}

export type Entries = [RubyValue, RubyValue][];

export const ROOT_SCOPE: RouteScope = { path: '', shallow: false, level: undefined, shallowDepth: 0, pathNames: { new: 'new', edit: 'edit' } };

const RESOURCES_ACTIONS = ['index', 'create', 'new', 'show', 'update', 'destroy', 'edit'];
const RESOURCE_ACTIONS = ['show', 'create', 'update', 'destroy', 'new', 'edit'];
const API_EXCLUDED = new Set(['new', 'edit']);

export function inResourceScope(s: RouteScope): boolean {
  return (s.level === 'resources' || s.level === 'resource') && s.resource !== undefined;
}

function isShallow(s: RouteScope): boolean {
  return s.resource !== undefined && !s.resource.singleton && s.shallow;
}

function memberPath(r: Resource): string {
  return r.singleton ? r.path : `${r.path}/:${r.param}`;
}

function nestedPath(r: Resource): string {
  return r.singleton ? r.path : `${r.path}/:${r.singular}_${r.param}`;
}

export function memberScope(s: RouteScope): RouteScope {
  const base = isShallow(s) ? { ...s, path: s.shallowPath ?? '' } : s;
  return { ...base, level: 'member', path: mergeRailsPath(base.path, memberPath(s.resource!)) };
}

export function collectionScope(s: RouteScope): RouteScope {
  return { ...s, level: 'collection', path: mergeRailsPath(s.path, s.resource!.path) };
}

export function newScope(s: RouteScope): RouteScope {
  return { ...s, level: 'new', path: mergeRailsPath(s.path, `${s.resource!.path}/${s.pathNames.new ?? 'new'}`) };
}

export function nestedScope(s: RouteScope): RouteScope {
  const base = isShallow(s) && s.shallowDepth >= 1 ? { ...s, path: s.shallowPath ?? '' } : s;
  return { ...base, level: 'nested', path: mergeRailsPath(base.path, nestedPath(s.resource!)) };
}

/** `member` / `collection` / `new` (blocks and `on:`); undefined outside a resource. */
export function methodScope(s: RouteScope, on: string): RouteScope | undefined {
  if (!inResourceScope(s)) return undefined;
  if (on === 'member') return memberScope(s);
  if (on === 'collection') return collectionScope(s);
  if (on === 'new') return newScope(s);
  return undefined;
}

/**
 * `scope` options (path, shallow_path, shallow, path_names, only/except, via) applied to a scope; others (module,
 * as, controller, constraints, defaults, format) name controllers or restrict matching and leave paths alone.
 * Undefined when the path is not a literal.
 */
export function withScopeOptions(s: RouteScope, path: string | undefined, options: Entries): RouteScope | undefined {
  const next: RouteScope = { ...s };
  const pathOption = option(options, 'path');
  const fullPath = path ?? (pathOption ? (pathOption.t === 'nil' ? '' : name(pathOption)) : undefined);
  if (pathOption && fullPath === undefined) return undefined;
  if (fullPath !== undefined) next.path = mergeRailsPath(s.path, fullPath);
  const shallowPath = option(options, 'shallow_path');
  if (shallowPath) {
    const p = name(shallowPath);
    if (p === undefined) return undefined;
    next.shallowPath = mergeRailsPath(s.shallowPath, p);
  }
  const shallow = option(options, 'shallow');
  if (shallow) next.shallow = truthy(shallow);
  const pathNames = option(options, 'path_names');
  if (pathNames?.t === 'hash') {
    next.pathNames = { ...s.pathNames };
    for (const [k, v] of pathNames.entries) {
      const key = name(k);
      const value = name(v);
      if (key !== undefined && value !== undefined) next.pathNames[key] = value;
    }
  }
  const only = option(options, 'only');
  const except = option(options, 'except');
  if (only || except) {
    next.only = names(only);
    next.except = names(except);
  }
  const via = names(option(options, 'via'));
  if (via) next.via = via;
  return next;
}

export function makeResource(resourceName: string, options: Entries, singleton: boolean, s: RouteScope, apiOnly: boolean): Resource {
  const as = name(option(options, 'as'));
  const base = as ?? resourceName;
  const ownOnly = option(options, 'only');
  const ownExcept = option(options, 'except');
  const [only, except] = ownOnly || ownExcept ? [names(ownOnly), names(ownExcept)] : [s.only, s.except];
  const defaults = (singleton ? RESOURCE_ACTIONS : RESOURCES_ACTIONS).filter((a) => !apiOnly || !API_EXCLUDED.has(a));
  const available = only ?? defaults;
  return {
    path: name(option(options, 'path')) ?? resourceName,
    param: name(option(options, 'param')) ?? 'id',
    singular: singleton ? base : singularize(base),
    singleton,
    shallow: s.shallow,
    actions: new Set(available.filter((a) => !(except ?? []).includes(a))),
  };
}
