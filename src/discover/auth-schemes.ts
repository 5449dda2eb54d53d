import type { Headers } from '../exchange/exchange.js';
import { firstHeader } from '../exchange/exchange.js';

// The authentication a request presented, read from its headers, query and cookies (never verified here).

export type AuthScheme = 'none' | 'bearer-jwt' | 'bearer' | 'basic' | 'api-key-header' | 'api-key-query' | 'cookie';

export interface AuthSeen {
  scheme: AuthScheme;
  /** The header, query parameter or cookie carrying it. */
  name?: string;
}

const API_KEY_HEADER = /^(?:x-)?(?:api[-_]?key|auth[-_]?token|access[-_]?token|apikey|x-key|token)$|api[-_]?key/i;
const API_KEY_QUERY = /^(?:api[-_]?key|apikey|key|access[-_]?token|token|auth[-_]?token)$/i;
const SESSION_COOKIE = /sess|sid$|^sid|auth|token|jwt|connect\.sid|remember/i;
const JWT = /^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function authSeen(headers: Headers, query: readonly [string, string][]): AuthSeen[] {
  const out: AuthSeen[] = [];
  const authorization = firstHeader(headers, 'authorization');
  if (authorization) {
    const [kind = '', token = ''] = authorization.trim().split(/\s+/, 2);
    const k = kind.toLowerCase();
    if (k === 'bearer') out.push({ scheme: JWT.test(token) ? 'bearer-jwt' : 'bearer', name: 'authorization' });
    else if (k === 'basic') out.push({ scheme: 'basic', name: 'authorization' });
    else out.push({ scheme: 'api-key-header', name: 'authorization' });
  }
  for (const name of Object.keys(headers)) {
    if (name !== 'authorization' && API_KEY_HEADER.test(name) && firstHeader(headers, name)) out.push({ scheme: 'api-key-header', name });
  }
  for (const [name, value] of query) if (value && API_KEY_QUERY.test(name)) out.push({ scheme: 'api-key-query', name });
  const cookie = headers.cookie;
  const cookies = (Array.isArray(cookie) ? cookie.join('; ') : cookie ?? '').split(';');
  for (const c of cookies) {
    const name = c.split('=', 1)[0]!.trim();
    if (name && SESSION_COOKIE.test(name)) {
      out.push({ scheme: 'cookie', name });
      break;
    }
  }
  if (out.length === 0) out.push({ scheme: 'none' });
  return out;
}

/** Standard and auth headers that are not API parameters. */
export const NON_PARAMETER_HEADERS = new Set([
  'host', 'user-agent', 'accept', 'accept-encoding', 'accept-language', 'connection', 'content-type', 'content-length',
  'authorization', 'cookie', 'origin', 'referer', 'cache-control', 'pragma', 'te', 'upgrade-insecure-requests',
  'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip', 'forwarded', 'via', 'if-none-match',
  'if-modified-since', 'dnt', 'priority', 'traceparent', 'tracestate', 'x-request-id', 'transfer-encoding', 'expect',
]);

export function isParameterHeader(name: string): boolean {
  return !NON_PARAMETER_HEADERS.has(name) && !name.startsWith('sec-') && !API_KEY_HEADER.test(name) && !name.startsWith(':');
}
