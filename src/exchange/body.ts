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

// Kept on the exchange under a symbol (JSON and structured clone skip it): a WeakMap entry per request cost more
// than the parse it saved, as every entry is an ephemeron the garbage collector must revisit.
const PARSED = Symbol('vigil.parsed');
interface ParsedForms {
  /** What the body was parsed from: a copied exchange (spread copies symbols too) with another body parses again. */
  request?: Exchange['request'];
  bodyBytes?: Buffer;
  body?: ParsedBody;
  queryText?: string;
  query?: [string, string][];
}
type WithParsed = Exchange & { [PARSED]?: ParsedForms };

function formsOf(ex: Exchange): ParsedForms {
  return ((ex as WithParsed)[PARSED] ??= {});
}

export function mediaType(ex: Exchange): string {
  const ct = firstHeader(ex.request.headers, 'content-type') ?? '';
  const semi = ct.indexOf(';');
  return (semi < 0 ? ct : ct.slice(0, semi)).trim().toLowerCase();
}

function isJsonType(mt: string): boolean {
  return mt === 'application/json' || (mt.startsWith('application/') && mt.endsWith('+json'));
}

export function requestBody(ex: Exchange): ParsedBody {
  const forms = formsOf(ex);
  if (forms.body && forms.request === ex.request && forms.bodyBytes === ex.request.body) return forms.body;
  let parsed: ParsedBody;
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
  forms.request = ex.request;
  forms.bodyBytes = ex.request.body;
  forms.body = parsed;
  return parsed;
}

export function queryParams(ex: Exchange): [string, string][] {
  const forms = formsOf(ex);
  if (forms.query && forms.queryText === ex.request.query) return forms.query;
  forms.queryText = ex.request.query;
  return (forms.query = parseUrlEncoded(ex.request.query));
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
