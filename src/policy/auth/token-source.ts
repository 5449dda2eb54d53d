import type { Exchange } from '../../exchange/exchange.js';
import { firstHeader } from '../../exchange/exchange.js';
import type { JwtProviderConfig } from '../../config/types.js';

/** Where a provider reads its token from, and how a refusal names that place (never the token itself). */
export interface TokenSource {
  location: string;
  read(ex: Exchange): string | undefined;
}

export function tokenSource(p: Pick<JwtProviderConfig, 'header' | 'cookie'>): TokenSource {
  if (p.cookie) {
    const name = p.cookie;
    return { location: `cookie:${name}`, read: (ex) => readCookie(ex, name) };
  }
  const header = (p.header ?? 'authorization').toLowerCase();
  const bareAllowed = header !== 'authorization';
  return { location: `header:${header}`, read: (ex) => stripBearer(firstHeader(ex.request.headers, header), bareAllowed) };
}

/** `Bearer <token>` (scheme case-insensitive); a custom header may also carry the bare token. */
function stripBearer(value: string | undefined, bareAllowed: boolean): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (v.length > 7 && v.slice(0, 7).toLowerCase() === 'bearer ') return v.slice(7).trim() || undefined;
  return bareAllowed && v.indexOf(' ') < 0 ? v : undefined;
}

function readCookie(ex: Exchange, name: string): string | undefined {
  const raw = ex.request.headers['cookie'];
  const lines = Array.isArray(raw) ? raw : raw ? [raw] : [];
  for (const line of lines) {
    for (const pair of line.split(';')) {
      const eq = pair.indexOf('=');
      if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim() || undefined;
    }
  }
  return undefined;
}
