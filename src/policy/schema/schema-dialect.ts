// OpenAPI 3.0 and Swagger 2.0 schemas are a dialect of JSON Schema draft 4/5; Ajv (2020-12) needs a few rewrites.
// They happen in place on a private copy of the document, once at load.

type SchemaObject = Record<string, unknown>;

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'] as const;
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMAS = ['additionalProperties', 'not', 'contains', 'if', 'then', 'else', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'] as const;

export class SchemaDialect {
  /** Every `format` met, so unknown ones can be declared to Ajv instead of warned about. */
  readonly formats = new Set<string>();
  private readonly done = new WeakSet<object>();

  /** Rewrites an OpenAPI 3.0 / Swagger 2.0 schema into JSON Schema 2020-12, in place. */
  normalise(schema: unknown): void {
    if (!isObject(schema) || this.done.has(schema)) return;
    this.done.add(schema);
    if (schema.nullable === true || schema['x-nullable'] === true) makeNullable(schema);
    delete schema.nullable;
    delete schema['x-nullable'];
    for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof schema[flag] === 'boolean') {
        if (schema[flag] === true && typeof schema[bound] === 'number') {
          schema[flag] = schema[bound];
          delete schema[bound];
        } else delete schema[flag];
      }
    }
    if (schema.type === 'file') delete schema.type;
    if ('required' in schema && !Array.isArray(schema.required)) delete schema.required;
    if (typeof schema.format === 'string') this.formats.add(schema.format);
    dropReadOnlyFromRequired(schema);
    for (const key of SUBSCHEMA_MAPS) {
      const map = schema[key];
      if (isObject(map)) for (const sub of Object.values(map)) this.normalise(sub);
    }
    for (const key of SUBSCHEMA_LISTS) {
      const list = schema[key];
      if (Array.isArray(list)) for (const sub of list) this.normalise(sub);
    }
    for (const key of SUBSCHEMAS) this.normalise(schema[key]);
    const items = schema.items;
    if (Array.isArray(items)) {
      // draft-4 tuple form
      schema.prefixItems = items;
      delete schema.items;
      for (const sub of items) this.normalise(sub);
    } else this.normalise(items);
  }

  /** A Swagger 2.0 non-body parameter (`type`, `format`, `items`… inline) as a schema. */
  fromSwaggerParameter(param: SchemaObject): SchemaObject {
    const schema: SchemaObject = {};
    for (const key of SWAGGER_PARAM_SCHEMA_KEYS) if (key in param) schema[key] = param[key];
    if (isObject(param.items)) schema.items = this.fromSwaggerParameter(param.items);
    this.normalise(schema);
    return schema;
  }
}

const SWAGGER_PARAM_SCHEMA_KEYS = [
  'type', 'format', 'enum', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength',
  'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', 'x-nullable',
] as const;

function makeNullable(schema: SchemaObject): void {
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  else if (Array.isArray(schema.type)) {
    if (!schema.type.includes('null')) schema.type = [...(schema.type as unknown[]), 'null'];
  } else {
    const rest: SchemaObject = { ...schema };
    delete rest.nullable;
    delete rest['x-nullable'];
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [rest, { type: 'null' }];
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
}

/** OpenAPI: a readOnly property listed as required is required in responses only. */
function dropReadOnlyFromRequired(schema: SchemaObject): void {
  const props = schema.properties;
  if (!Array.isArray(schema.required) || !isObject(props)) return;
  schema.required = (schema.required as unknown[]).filter((name) => {
    const p = typeof name === 'string' ? props[name] : undefined;
    return !(isObject(p) && p.readOnly === true);
  });
}

export function isObject(v: unknown): v is SchemaObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
