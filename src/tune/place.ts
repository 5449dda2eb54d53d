import type { Exchange, Headers } from '../exchange/exchange.js';
import { mediaType } from '../exchange/body.js';
import type { JsonValue } from '../exchange/body.js';

// An attack payload put where a finding was: the same JSON field, query or form parameter, header or cookie of a
// recorded request, so the replay asks what the exclusion would let through at that very place.

function copy(ex: Exchange, change: { query?: string; headers?: Headers; body?: Buffer }): Exchange {
  const query = change.query ?? ex.request.query;
  const body = change.body ?? ex.request.body;
  return {
    ...ex,
    request: {
      ...ex.request,
      query,
      url: query ? `${ex.request.path}?${query}` : ex.request.path,
      headers: change.headers ?? { ...ex.request.headers },
      body,
      bodySize: body?.length ?? 0,
    },
    findings: [],
  };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** `a=1&b=2` with the first parameter called `name` set to `value` (undefined: no such parameter). */
function setParam(encoded: string, name: string, value: string): string | undefined {
  const pairs = encoded.split('&');
  for (let i = 0; i < pairs.length; i++) {
    const eq = pairs[i]!.indexOf('=');
    const key = eq < 0 ? pairs[i]! : pairs[i]!.slice(0, eq);
    if (decode(key) === name) {
      pairs[i] = `${key}=${encodeURIComponent(value)}`;
      return pairs.join('&');
    }
  }
  return undefined;
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The JSON document with the string at `pointer` replaced (undefined: no string there). */
function setPointer(doc: JsonValue, pointer: string, value: string): boolean {
  const segs = pointer.split('/').slice(1).map(unescapePointer);
  let at: JsonValue = doc;
  for (let i = 0; i < segs.length - 1; i++) {
    const next: JsonValue | undefined = Array.isArray(at) ? at[Number(segs[i])] : at && typeof at === 'object' ? at[segs[i]!] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') return false;
    at = next;
  }
  const last = segs[segs.length - 1]!;
  if (Array.isArray(at)) {
    const i = Number(last);
    if (typeof at[i] !== 'string') return false;
    at[i] = value;
    return true;
  }
  if (at && typeof at === 'object' && typeof at[last] === 'string') {
    at[last] = value;
    return true;
  }
  return false;
}

function setCookie(header: string, name: string, value: string): string | undefined {
  const parts = header.split(';');
  for (let i = 0; i < parts.length; i++) {
    const eq = parts[i]!.indexOf('=');
    if (eq > 0 && parts[i]!.slice(0, eq).trim() === name) {
      parts[i] = `${parts[i]!.slice(0, eq)}=${value}`;
      return parts.join(';');
    }
  }
  return undefined;
}

/** Location kinds a payload can be placed at. */
export function placeable(location: string): boolean {
  return /^(query|header|cookie|body):./.test(location) && !location.includes('>');
}

/** A copy of the exchange with `payload` as the value at `location`, or undefined when it cannot be put there. */
export function placeAt(ex: Exchange, location: string, payload: string): Exchange | undefined {
  if (!placeable(location)) return undefined;
  const colon = location.indexOf(':');
  const kind = location.slice(0, colon);
  const name = location.slice(colon + 1);
  if (kind === 'query') {
    const query = setParam(ex.request.query, name, payload);
    return query === undefined ? undefined : copy(ex, { query });
  }
  if (kind === 'header') {
    if (name === 'cookie') return undefined;
    return copy(ex, { headers: { ...ex.request.headers, [name]: payload } });
  }
  if (kind === 'cookie') {
    const raw = ex.request.headers.cookie;
    const cookie = typeof raw === 'string' ? setCookie(raw, name, encodeURIComponent(payload)) : undefined;
    return cookie === undefined ? undefined : copy(ex, { headers: { ...ex.request.headers, cookie } });
  }
  const body = ex.request.body?.toString('utf8');
  if (body === undefined) return undefined;
  const mt = mediaType(ex);
  if (name.startsWith('/') && (mt === 'application/json' || mt.endsWith('+json'))) {
    let doc: JsonValue;
    try {
      doc = JSON.parse(body) as JsonValue;
    } catch {
      return undefined;
    }
    return setPointer(doc, name, payload) ? copy(ex, { body: Buffer.from(JSON.stringify(doc)) }) : undefined;
  }
  if (mt === 'application/x-www-form-urlencoded') {
    const form = setParam(body, name, payload);
    return form === undefined ? undefined : copy(ex, { body: Buffer.from(form) });
  }
  return undefined;
}
