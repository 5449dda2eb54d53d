import type { Exchange, ExchangeResponse } from '../exchange/exchange.js';
import { firstHeader } from '../exchange/exchange.js';
import { requestBody, type JsonValue } from '../exchange/body.js';

// Flat access to the top-level fields of request and response bodies (JSON objects or forms).

export type Fields = Map<string, JsonValue>;

const EMPTY: Fields = new Map();
const MAX_RESPONSE_PARSE = 256 * 1024;

export function requestFields(ex: Exchange): Fields {
  const b = requestBody(ex);
  if (b.kind === 'form') return new Map(b.fields);
  if (b.kind === 'json' && b.value !== null && typeof b.value === 'object' && !Array.isArray(b.value)) return new Map(Object.entries(b.value));
  return EMPTY;
}

/** The response body parsed as JSON, when it is JSON and small enough; parsed only when a caller needs it. */
export function responseJson(res: ExchangeResponse | undefined): JsonValue | undefined {
  if (!res?.body || res.body.length === 0 || res.body.length > MAX_RESPONSE_PARSE) return undefined;
  const ct = (firstHeader(res.headers, 'content-type') ?? '').toLowerCase();
  const first = res.body[0];
  if (!ct.includes('json') && first !== 0x7b && first !== 0x5b) return undefined;
  try {
    return JSON.parse(res.body.toString('utf8')) as JsonValue;
  } catch {
    return undefined;
  }
}

export function asObject(v: JsonValue | undefined): Record<string, JsonValue> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

export function scalarText(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** The first field present among names (compared lower-case, ignoring _ and -). */
export function pick(fields: Fields, names: ReadonlySet<string>): JsonValue | undefined {
  for (const [k, v] of fields) if (names.has(normaliseName(k))) return v;
  return undefined;
}

export function normaliseName(k: string): string {
  let out = '';
  for (let i = 0; i < k.length; i++) {
    const c = k[i]!;
    if (c !== '_' && c !== '-') out += c.toLowerCase();
  }
  return out;
}
