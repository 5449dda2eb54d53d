import type { Exchange, Principal } from '../exchange/exchange.js';
import { firstHeader } from '../exchange/exchange.js';
import { shortHash } from './hash.js';

// Who sent the exchange: the principal the gateway verified, else one read (unverified) from the credential.

const API_KEY_HEADERS = ['x-api-key', 'api-key', 'x-auth-token', 'apikey'];
const SESSION_COOKIES = new Set(['session', 'sessionid', 'session_id', 'sid', 'connect.sid', 'jsessionid', 'phpsessid', '_session']);

/** The claims of a JWT, unverified; undefined when the token is not a JWT with a JSON payload. */
export function unverifiedJwtClaims(token: string): Record<string, unknown> | undefined {
  const first = token.indexOf('.');
  const second = first < 0 ? -1 : token.indexOf('.', first + 1);
  if (first <= 0 || second < 0 || token.length > 8192) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Recent bearer credentials and what they resolved to: a client sends the same token many times, and decoding it (base64 + JSON) is a good part of the cost. */
const bearerCache = new Map<string, Principal>();
const BEARER_CACHE_MAX = 4096;

function fromBearer(auth: string): Principal | undefined {
  if (auth.length < 8 || auth.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
  let p = bearerCache.get(auth);
  if (p) return p;
  p = bearerPrincipal(auth);
  if (bearerCache.size >= BEARER_CACHE_MAX) bearerCache.clear();
  bearerCache.set(auth, p);
  return p;
}

function bearerPrincipal(auth: string): Principal {
  const token = auth.slice(7).trim();
  const claims = unverifiedJwtClaims(token);
  const sub = claims?.sub;
  if (typeof sub === 'string' && sub) return { kind: 'jwt', id: sub, verified: false, claims };
  if (typeof sub === 'number') return { kind: 'jwt', id: String(sub), verified: false, claims };
  return { kind: 'api_key', id: `token:${shortHash(token)}`, verified: false };
}

function fromCookie(cookie: string): Principal | undefined {
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (value && SESSION_COOKIES.has(name)) return { kind: 'session', id: `session:${shortHash(value)}`, verified: false };
  }
  return undefined;
}

export function resolvePrincipal(ex: Exchange): Principal | undefined {
  if (ex.principal) return ex.principal;
  const h = ex.request.headers;
  const auth = firstHeader(h, 'authorization');
  if (auth) {
    const p = fromBearer(auth);
    if (p) return p;
  }
  for (const name of API_KEY_HEADERS) {
    const key = firstHeader(h, name);
    if (key) return { kind: 'api_key', id: `key:${shortHash(key)}`, verified: false };
  }
  const cookie = firstHeader(h, 'cookie');
  return cookie ? fromCookie(cookie) : undefined;
}
