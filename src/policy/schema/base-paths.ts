import type { SpecDocument } from './parse-document.js';
import { isObject } from './schema-dialect.js';

/**
 * The path prefixes the API is served under: Swagger 2.0 basePath, or the path part of each OpenAPI server URL
 * (variables replaced by their defaults). '' means the root. Longest first, so /v1/admin is tried before /v1.
 */
export function basePaths(doc: SpecDocument, swagger2: boolean): string[] {
  const found = new Set<string>();
  if (swagger2) found.add(trim(typeof doc.basePath === 'string' ? doc.basePath : ''));
  else if (Array.isArray(doc.servers) && doc.servers.length > 0) {
    for (const server of doc.servers) {
      if (!isObject(server) || typeof server.url !== 'string') continue;
      found.add(trim(pathOf(substitute(server.url, server.variables))));
    }
  }
  if (found.size === 0) found.add('');
  return [...found].sort((a, b) => b.length - a.length);
}

function substitute(url: string, variables: unknown): string {
  return url.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = isObject(variables) ? variables[name] : undefined;
    return isObject(v) && typeof v.default === 'string' ? v.default : '';
  });
}

function pathOf(url: string): string {
  if (url.startsWith('/')) return url;
  try {
    return new URL(url).pathname;
  } catch {
    // a relative server url like `v1` or `.`
    return url.startsWith('.') ? '' : `/${url}`;
  }
}

function trim(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p === '/' ? '' : p;
}
