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

/** :id → {id}, :id? → {id}, :id(\\d+) → {id}; slashes joined and normalised. */
export function joinPaths(...parts: string[]): string {
  const joined = parts
    .filter((p) => p !== '')
    .join('/')
    .replace(/:([A-Za-z_$][\w$]*)(?:\([^)]*\))?\??/g, '{$1}')
    .replace(/\/{2,}/g, '/');
  const withSlash = joined.startsWith('/') ? joined : `/${joined}`;
  return withSlash.length > 1 ? withSlash.replace(/\/$/, '') : withSlash;
}
