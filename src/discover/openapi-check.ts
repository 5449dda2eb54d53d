import { Ajv } from 'ajv';

// Structural checks of an OpenAPI 3.1 document, the rules a generated one can break: the required top-level
// fields, paths starting with '/', operations with responses, parameters with name/in/schema, and every {param}
// of a path declared as a required path parameter. Returns the problems, empty when it is valid.

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const parameter = {
  type: 'object',
  required: ['name', 'in'],
  properties: { name: { type: 'string', minLength: 1 }, in: { enum: ['path', 'query', 'header', 'cookie'] }, required: { type: 'boolean' }, schema: { type: 'object' } },
};

const operation = {
  type: 'object',
  required: ['responses'],
  properties: {
    operationId: { type: 'string' },
    parameters: { type: 'array', items: parameter },
    requestBody: { type: 'object', required: ['content'], properties: { content: { type: 'object' } } },
    responses: { type: 'object', minProperties: 1, propertyNames: { pattern: '^(?:[1-5](?:\\d\\d|XX)|default)$' }, additionalProperties: { type: 'object', required: ['description'] } },
    security: { type: 'array', items: { type: 'object' } },
  },
};

const documentSchema = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: { type: 'object', required: ['title', 'version'], properties: { title: { type: 'string' }, version: { type: 'string' } } },
    servers: { type: 'array', items: { type: 'object', required: ['url'] } },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: { type: 'object', properties: Object.fromEntries(METHODS.map((m) => [m, operation])) },
    },
  },
};

const validate = new Ajv({ allErrors: true, strict: false }).compile(documentSchema);

export function checkOpenApi31(doc: unknown): string[] {
  const problems: string[] = [];
  if (!validate(doc)) for (const e of validate.errors ?? []) problems.push(`${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  const paths = (doc as { paths?: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>> }).paths ?? {};
  for (const [path, item] of Object.entries(paths)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'path' && p.required === true).map((p) => p.name));
      for (const n of names) if (!declared.has(n)) problems.push(`${method.toUpperCase()} ${path}: path parameter {${n}} is not declared`);
      for (const d of declared) if (!names.includes(d)) problems.push(`${method.toUpperCase()} ${path}: path parameter "${d}" is not in the path`);
    }
  }
  return problems;
}
