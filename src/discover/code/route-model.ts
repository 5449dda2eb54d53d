// What a source scan finds: route registrations and the router objects they hang off, linked by mounts.

export type Framework =
  | 'express'
  | 'fastify'
  | 'koa'
  | 'nestjs'
  | 'hono'
  | 'nextjs'
  | 'flask'
  | 'fastapi'
  | 'django'
  | 'spring'
  | 'net/http'
  | 'gin'
  | 'echo'
  | 'chi'
  | 'gorilla'
  | 'rails';

export interface CodeRoute {
  method: string;
  /** The full path template after prefixes and mounts: /api/users/{id}. */
  path: string;
  file: string;
  line: number;
  framework: Framework;
}

/** A binding in a file: a variable, function or import name; `default` for the default export. */
export interface BindingRef {
  file: string;
  name: string;
}

export interface LocalRoute {
  method: string;
  path: string;
  line: number;
}

export interface Mount {
  prefix: string;
  target: BindingRef;
}

/** An app, router or plugin function that routes are registered on. */
export interface RouterObject {
  /** `${file}#${binding}` */
  id: string;
  /** Undefined for a function in a file that imports no framework: it takes its parent's. */
  framework?: Framework;
  file: string;
  /** Koa's `new Router({ prefix })` / `router.prefix()`. */
  ownPrefix: string;
  /** Reported even when nothing mounts it: a declared app or router, or a function in a file importing a framework. */
  standalone: boolean;
  routes: LocalRoute[];
  mounts: Mount[];
}

export interface FileFacts {
  file: string;
  /** Local import bindings: name → module file (resolved) and the name it exports. */
  imports: Map<string, BindingRef>;
  /** Export name → local binding name. */
  exports: Map<string, string>;
  routers: Map<string, RouterObject>;
  nestRoutes: CodeRoute[];
  nestGlobalPrefix?: string;
}

/** :id → {id}, :id? → {id}, :id(\\d+) and Hono's :id{[0-9]+} → {id}; slashes joined and normalised. */
export function joinPaths(...parts: string[]): string {
  const joined = colonParams(parts.filter((p) => p !== '').join('/')).replace(/\/{2,}/g, '/');
  const withSlash = joined.startsWith('/') ? joined : `/${joined}`;
  return withSlash.length > 1 ? withSlash.replace(/\/$/, '') : withSlash;
}

const NAME_START = /[A-Za-z_$]/;
const NAME_PART = /[\w$]/;

/** `:name` with an optional balanced `(regex)` or `{regex}` suffix and `?` → `{name}`, in one pass. */
function colonParams(path: string): string {
  let out = '';
  let i = 0;
  while (i < path.length) {
    const c = path[i]!;
    if (c !== ':' || !NAME_START.test(path[i + 1] ?? '')) {
      out += c;
      i++;
      continue;
    }
    let j = i + 2;
    while (j < path.length && NAME_PART.test(path[j]!)) j++;
    const name = path.slice(i + 1, j);
    const open = path[j];
    if (open === '(' || open === '{') {
      const close = open === '(' ? ')' : '}';
      let depth = 0;
      for (; j < path.length; j++) {
        if (path[j] === '\\') j++;
        else if (path[j] === open) depth++;
        else if (path[j] === close && --depth === 0) {
          j++;
          break;
        }
      }
    }
    if (path[j] === '?') j++;
    out += `{${name}}`;
    i = j;
  }
  return out;
}
