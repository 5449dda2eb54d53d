import type { Exchange } from './exchange.js';
import { firstHeader } from './exchange.js';

// Parsed forms of an exchange's request, computed once and shared by every stage that needs them.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: JsonValue }
  | { kind: 'form'; fields: [string, string][] }
  | { kind: 'text'; text: string; mediaType: string }
  | { kind: 'invalid'; mediaType: string; error: string };

const bodies = new WeakMap<Exchange, ParsedBody>();
const queries = new WeakMap<Exchange, [string, string][]>();

export function mediaType(ex: Exchange): string {
  const ct = firstHeader(ex.request.headers, 'content-type') ?? '';
  const semi = ct.indexOf(';');
  return (semi < 0 ? ct : ct.slice(0, semi)).trim().toLowerCase();
}

function isJsonType(mt: string): boolean {
  return mt === 'application/json' || (mt.startsWith('application/') && mt.endsWith('+json'));
}

export function requestBody(ex: Exchange): ParsedBody {
  let parsed = bodies.get(ex);
  if (parsed) return parsed;
  const body = ex.request.body;
  const mt = mediaType(ex);
  if (!body || body.length === 0) parsed = { kind: 'none' };
  else if (isJsonType(mt) && !ex.request.bodyTruncated) {
    try {
      parsed = { kind: 'json', value: JSON.parse(body.toString('utf8')) as JsonValue };
    } catch (e) {
      parsed = { kind: 'invalid', mediaType: mt, error: (e as Error).message };
    }
  } else if (mt === 'application/x-www-form-urlencoded') {
    parsed = { kind: 'form', fields: parseUrlEncoded(body.toString('latin1')) };
  } else parsed = { kind: 'text', text: body.toString('utf8'), mediaType: mt };
  bodies.set(ex, parsed);
  return parsed;
}

export function queryParams(ex: Exchange): [string, string][] {
  let q = queries.get(ex);
  if (!q) {
    q = parseUrlEncoded(ex.request.query);
    queries.set(ex, q);
  }
  return q;
}

function safeDecode(s: string): string {
  if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/** application/x-www-form-urlencoded pairs, decoded once; malformed escapes are kept as they are. */
export function parseUrlEncoded(s: string): [string, string][] {
  if (!s) return [];
  const out: [string, string][] = [];
  for (const part of s.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) out.push([safeDecode(part), '']);
    else out.push([safeDecode(part.slice(0, eq)), safeDecode(part.slice(eq + 1))]);
  }
  return out;
}
