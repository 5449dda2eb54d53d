import type { Exchange } from '../exchange/exchange.js';
import { queryParams, type JsonValue } from '../exchange/body.js';
import type { Endpoint } from './endpoint.js';
import { isIdSegment } from './endpoint.js';
import type { Fields } from './json-fields.js';
import { normaliseName, scalarText } from './json-fields.js';

// The objects an exchange touches: identifiers in path parameters, id-named query parameters and body fields.

export interface ObjectRef {
  type: string;
  id: string;
  /** type:id */
  key: string;
}

function ref(type: string, id: string): ObjectRef {
  return { type, id, key: `${type}:${id}` };
}

/** userId → user, order_id → order, id → fallback. */
function typeFromName(name: string, fallback: string): string | undefined {
  const n = normaliseName(name);
  if (n === 'id') return fallback;
  if (n.length > 2 && n.endsWith('id')) return n.slice(0, -2);
  return undefined;
}

export function objectsOf(ex: Exchange, ep: Endpoint, fields: Fields): ObjectRef[] {
  const out: ObjectRef[] = [];
  for (const name in ep.params) {
    const v = ep.params[name]!;
    if (v && v !== 'me') out.push(ref(ep.paramTypes[name] ?? 'object', v));
  }
  const last = ep.segments.filter((s) => !s.startsWith('{')).pop() ?? 'object';
  const fallback = last.endsWith('s') && last.length > 3 ? last.slice(0, -1) : last;
  if (ex.request.query) {
    for (const [k, v] of queryParams(ex)) {
      const t = typeFromName(k, fallback);
      if (t && v && v.length <= 64 && isIdSegment(v)) out.push(ref(t, v));
    }
  }
  for (const [k, v] of fields) {
    const t = typeFromName(k, fallback);
    const text = scalarText(v as JsonValue);
    if (t && text && text.length <= 64 && isIdSegment(text)) out.push(ref(t, text));
  }
  return out;
}

/** A numeric id, for walks over sequential identifiers. */
export function numericId(o: ObjectRef): number | undefined {
  const id = o.id;
  if (id.length === 0 || id.length > 15) return undefined;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(id);
}
