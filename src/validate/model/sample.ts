// Minimal valid values from JSON Schemas (OpenAPI flavour), for probe bodies the API would otherwise refuse.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Schema = Record<string, unknown>;

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function sampleOf(schema: unknown, depth = 0): Json {
  if (!isSchema(schema) || depth > 6) return null;
  for (const k of ['example', 'default', 'const'] as const) if (schema[k] !== undefined) return schema[k] as Json;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as Json;
  for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = schema[k];
    if (Array.isArray(list) && list.length > 0) return k === 'allOf' ? Object.assign({}, ...list.map((s) => sampleOf(s, depth + 1))) : sampleOf(list[0], depth + 1);
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : schema.type;
  switch (type ?? (isSchema(schema.properties) ? 'object' : undefined)) {
    case 'object': {
      const props = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const out: Record<string, Json> = {};
      for (const name of required) out[name] = sampleOf(props[name], depth + 1);
      return out;
    }
    case 'array':
      return typeof schema.minItems === 'number' && schema.minItems > 0 ? [sampleOf(schema.items, depth + 1)] : [];
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'email') return 'validate@example.test';
      if (schema.format === 'date-time') return new Date(0).toISOString();
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      return 'validate'.padEnd(typeof schema.minLength === 'number' ? schema.minLength : 0, 'x');
    default:
      return null;
  }
}

/** Names of the object schema's string properties, required ones first. */
export function stringProperties(schema: unknown): string[] {
  if (!isSchema(schema) || !isSchema(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(schema.properties)
    .filter(([, s]) => isSchema(s) && s.type === 'string' && s.format === undefined && s.enum === undefined && s.pattern === undefined)
    .map(([n]) => n)
    .sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
}
