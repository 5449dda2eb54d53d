import { Random, BASE62, DIGITS, HEX, LOWER, UPPER } from './random.js';

// Draws realistic values from a JSON Schema (OpenAPI 3.x / Swagger 2.0 flavoured), $refs resolved by the caller.

type Obj = Record<string, unknown>;
export type Resolve = (value: unknown) => unknown;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A random string shaped like an example: digits stay digits, letters keep their case, the rest is kept. */
export function mimic(rnd: Random, example: string): string {
  let s = '';
  for (const ch of example) {
    if (/[0-9]/.test(ch)) s += rnd.chars(DIGITS, 1);
    else if (/[a-z]/.test(ch)) s += rnd.chars(LOWER, 1);
    else if (/[A-Z]/.test(ch)) s += rnd.chars(UPPER, 1);
    else s += ch;
  }
  return s;
}

/** A string matching the simple patterns real specs use for ids: ^XX[0-9a-fA-F]{32}$ and the like. */
function fromPattern(rnd: Random, pattern: string): string | undefined {
  const m = /^\^?([A-Z]{2})\[0-9a-fA-F\]\{(\d+)\}\$?$/.exec(pattern);
  if (m) return m[1]! + rnd.chars(HEX, Number(m[2]));
  return undefined;
}

const FIRST = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];

function formatted(rnd: Random, format: string): string | undefined {
  switch (format) {
    case 'date-time':
      return new Date(Date.UTC(2024, rnd.int(0, 11), rnd.int(1, 28), rnd.int(0, 23), rnd.int(0, 59), rnd.int(0, 59))).toISOString();
    case 'date':
      return `2024-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    case 'email':
      return `${rnd.pick(FIRST)}.${rnd.chars(LOWER, 5)}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${rnd.chars(LOWER, 8)}`;
    case 'uuid':
      return `${rnd.chars(HEX, 8)}-${rnd.chars(HEX, 4)}-4${rnd.chars(HEX, 3)}-a${rnd.chars(HEX, 3)}-${rnd.chars(HEX, 12)}`;
    case 'phone-number':
      return `+1415${rnd.chars(DIGITS, 7)}`;
    default:
      return undefined;
  }
}

export function sampleValue(rnd: Random, raw: unknown, resolve: Resolve, depth = 0): unknown {
  const schema = resolve(raw);
  if (!isObj(schema)) return rnd.chars(LOWER, 8);
  if (Array.isArray(schema.allOf) && schema.allOf.length) {
    const merged: Obj = {};
    for (const part of schema.allOf) {
      const p = resolve(part);
      if (isObj(p)) Object.assign(merged, p, { properties: { ...(isObj(merged.properties) ? merged.properties : {}), ...(isObj(p.properties) ? p.properties : {}) } });
    }
    return sampleValue(rnd, merged, resolve, depth);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list) && list.length) return sampleValue(rnd, list[0], resolve, depth);
  }
  if (Array.isArray(schema.enum) && schema.enum.length) return rnd.pick(schema.enum.filter((v) => v !== null));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer') return rnd.int(typeof schema.minimum === 'number' ? schema.minimum : 0, typeof schema.maximum === 'number' ? schema.maximum : 1000);
  if (type === 'number') return Math.round(rnd.next() * 100000) / 100;
  if (type === 'boolean') return rnd.chance(0.5);
  if (type === 'array') {
    if (depth > 3) return [];
    return Array.from({ length: rnd.int(1, 2) }, () => sampleValue(rnd, schema.items, resolve, depth + 1));
  }
  if (type === 'object' || isObj(schema.properties)) return sampleObject(rnd, schema, resolve, depth);
  return sampleString(rnd, schema);
}

export function sampleString(rnd: Random, schema: Obj): string {
  if (typeof schema.pattern === 'string') {
    const p = fromPattern(rnd, schema.pattern);
    if (p) return p;
  }
  if (typeof schema.format === 'string') {
    const f = formatted(rnd, schema.format);
    if (f) return f;
  }
  if (typeof schema.example === 'string' && schema.example.length > 0 && schema.example.length <= 64) return mimic(rnd, schema.example);
  return rnd.chars(LOWER, rnd.int(6, 10));
}

function sampleObject(rnd: Random, schema: Obj, resolve: Resolve, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (depth > 3 || !isObj(schema.properties)) return out;
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  for (const [name, prop] of Object.entries(schema.properties).slice(0, 25)) {
    if (required.has(name) || rnd.chance(0.6)) out[name] = sampleValue(rnd, prop, resolve, depth + 1);
  }
  return out;
}

export { BASE62 };
