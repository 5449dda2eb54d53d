import type { JsonValue } from '../exchange/body.js';
import { stringFormat } from './string-format.js';

// JSON Schema inferred from sample values and merged across samples. Bounded: depth, properties and remembered
// string values are capped, so an endpoint's schema never grows with traffic.

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

const MAX_DEPTH = 8;
const MAX_PROPERTIES = 200;
const MAX_DISTINCT_STRINGS = 12;
/** An enum is declared when a string field shows at most this many values … */
const ENUM_MAX_VALUES = 6;
/** … over at least this many samples. */
const ENUM_MIN_SAMPLES = 8;

export class InferredSchema {
  /** Values observed at this place. */
  samples = 0;
  readonly types = new Map<JsonType, number>();
  readonly formats = new Map<string, number>();
  /** Distinct string values and their counts, until there are too many to be an enum (then undefined). */
  strings: Map<string, number> | undefined = new Map();
  readonly properties = new Map<string, InferredSchema>();
  objects = 0;
  items?: InferredSchema;

  observe(value: JsonValue, depth = 0): void {
    this.samples++;
    const type = typeOf(value);
    this.types.set(type, (this.types.get(type) ?? 0) + 1);
    if (type === 'string') this.observeString(value as string);
    else if (type === 'array' && depth < MAX_DEPTH) {
      this.items ??= new InferredSchema();
      for (const item of (value as JsonValue[]).slice(0, 20)) this.items.observe(item, depth + 1);
    } else if (type === 'object' && depth < MAX_DEPTH) {
      this.objects++;
      for (const [k, v] of Object.entries(value as Record<string, JsonValue>)) {
        let p = this.properties.get(k);
        if (!p) {
          if (this.properties.size >= MAX_PROPERTIES) continue;
          this.properties.set(k, (p = new InferredSchema()));
        }
        p.observe(v, depth + 1);
      }
    }
  }

  /** Observes a value that arrived as text (query, header, form field): numbers and booleans are recognised. */
  observeText(text: string): void {
    if (/^-?\d{1,15}$/.test(text)) this.observe(Number(text));
    else if (/^-?\d+\.\d+$/.test(text)) this.observe(Number(text));
    else if (text === 'true' || text === 'false') this.observe(text === 'true');
    else this.observe(text);
  }

  private observeString(s: string): void {
    const f = stringFormat(s);
    if (f) this.formats.set(f, (this.formats.get(f) ?? 0) + 1);
    if (!this.strings) return;
    if (s.length > 64) this.strings = undefined;
    else {
      this.strings.set(s, (this.strings.get(s) ?? 0) + 1);
      if (this.strings.size > MAX_DISTINCT_STRINGS) this.strings = undefined;
    }
  }

  merge(other: InferredSchema): void {
    this.samples += other.samples;
    this.objects += other.objects;
    addCounts(this.types, other.types);
    addCounts(this.formats, other.formats);
    if (!this.strings || !other.strings) this.strings = undefined;
    else {
      addCounts(this.strings, other.strings);
      if (this.strings.size > MAX_DISTINCT_STRINGS) this.strings = undefined;
    }
    for (const [k, p] of other.properties) {
      let mine = this.properties.get(k);
      if (!mine) {
        if (this.properties.size >= MAX_PROPERTIES) continue;
        this.properties.set(k, (mine = new InferredSchema()));
      }
      mine.merge(p);
    }
    if (other.items) (this.items ??= new InferredSchema()).merge(other.items);
  }

  /** The JSON Schema (2020-12 / OpenAPI 3.1) this place's samples support. */
  toJsonSchema(): Record<string, unknown> {
    const types = [...this.types.keys()];
    // integers seen beside numbers are numbers
    const merged = types.includes('number') ? types.filter((t) => t !== 'integer') : types;
    const out: Record<string, unknown> = {};
    if (merged.length === 1) out.type = merged[0];
    else if (merged.length > 1) out.type = merged.sort();
    const strings = this.types.get('string') ?? 0;
    if (strings > 0) {
      const [format, n] = [...this.formats.entries()].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
      if (format && n === strings) out.format = format;
      else if (this.strings && this.strings.size <= ENUM_MAX_VALUES && strings >= ENUM_MIN_SAMPLES && strings >= this.strings.size * 2)
        out.enum = [...this.strings.keys()].sort();
    }
    if (this.objects > 0) {
      const properties: Record<string, unknown> = {};
      const required: string[] = [];
      for (const [k, p] of [...this.properties.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        properties[k] = p.toJsonSchema();
        if (p.samples >= this.objects) required.push(k);
      }
      out.properties = properties;
      if (required.length) out.required = required;
    }
    if (this.items && this.items.samples > 0) out.items = this.items.toJsonSchema();
    return out;
  }

  /** Dominant type name for comparisons ('integer' and 'number' compare as 'number'). */
  dominantType(): JsonType | undefined {
    return [...this.types.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
}

function addCounts<K>(into: Map<K, number>, from: ReadonlyMap<K, number>): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

export function typeOf(v: JsonValue): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as 'boolean' | 'string' | 'object';
}
