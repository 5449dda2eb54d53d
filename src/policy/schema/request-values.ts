import type { Exchange } from '../../exchange/exchange.js';
import { firstHeader } from '../../exchange/exchange.js';
import type { ParamSpec } from './operations.js';

/** Query or form pairs grouped by name, in order. */
export function groupPairs(pairs: readonly [string, string][]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const [k, v] of pairs) {
    const list = byName.get(k);
    if (list) list.push(v);
    else byName.set(k, [v]);
  }
  return byName;
}

/** One parameter's value in the shape its schema expects; a repeated scalar stays a list, so validation refuses it. */
function shaped(p: ParamSpec, values: string[]): unknown {
  if (p.shape === 'array') return p.delimiter !== undefined && values.length === 1 ? values[0]!.split(p.delimiter) : values;
  return values.length === 1 ? values[0] : values;
}

export function queryValues(params: readonly ParamSpec[], byName: Map<string, string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    if (p.deepObject) {
      const obj = deepObject(p.name, byName);
      if (obj) out[p.name] = obj;
      continue;
    }
    const values = byName.get(p.name);
    if (values) out[p.name] = shaped(p, values);
  }
  return out;
}

/** `filter[name]=x&filter[age]=3` → { name: 'x', age: '3' } */
function deepObject(name: string, byName: Map<string, string[]>): Record<string, string> | undefined {
  let obj: Record<string, string> | undefined;
  const prefix = `${name}[`;
  for (const [key, values] of byName) {
    if (!key.startsWith(prefix) || !key.endsWith(']')) continue;
    (obj ??= Object.create(null) as Record<string, string>)[key.slice(prefix.length, -1)] = values[0]!;
  }
  return obj;
}

export function headerValues(params: readonly ParamSpec[], ex: Exchange): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const v = firstHeader(ex.request.headers, p.name);
    if (v !== undefined) out[p.name] = p.shape === 'array' ? v.split(',').map((s) => s.trim()) : v;
  }
  return out;
}

export function pathValues(params: readonly ParamSpec[], matched: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const v = matched[p.name];
    if (v !== undefined) out[p.name] = p.shape === 'array' ? v.split(',') : v;
  }
  return out;
}

/** Form fields as an object: a field sent once is a string, a repeated one a list (coercion fits them to the schema). */
export function formValues(fields: readonly [string, string][]): Record<string, unknown> {
  // keys come from the request: no prototype, so `__proto__` is just a name
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, values] of groupPairs(fields)) out[k] = values.length === 1 ? values[0] : values;
  return out;
}
