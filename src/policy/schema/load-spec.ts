import type { ValidateFunction } from 'ajv';
import { basePaths } from './base-paths.js';
import { LoadedSpec, type CompiledMedia, type CompiledOperation, type ParamGroup } from './loaded-spec.js';
import { collectOperations, type OperationSpec, type ParamLocation, type ParamSpec } from './operations.js';
import { readSpecDocument, type SpecDocument } from './parse-document.js';
import { RefResolver } from './refs.js';
import { SchemaDialect, isObject } from './schema-dialect.js';
import { SpecError } from './spec-error.js';
import { SpecValidators } from './validators.js';

/**
 * Loads an OpenAPI 3.0/3.1 (YAML or JSON) or Swagger 2.0 file and compiles every operation's validators once.
 * Throws SpecError naming the file and the place in it.
 */
export function loadSpec(file: string): LoadedSpec {
  const doc = structuredClone(readSpecDocument(file)) as SpecDocument;
  const version = specVersion(file, doc);
  const swagger2 = version.startsWith('2.');
  const refs = new RefResolver(file, doc);
  const dialect = new SchemaDialect();
  normaliseSharedSchemas(doc, dialect);
  const specs = collectOperations(file, doc, swagger2, refs, dialect);
  const validators = new SpecValidators(doc, dialect.formats);
  const operations = specs.map((s) => compileOperation(file, s, validators));
  const info = isObject(doc.info) ? doc.info : {};
  return new LoadedSpec(file, version, typeof info.title === 'string' ? info.title : undefined, basePaths(doc, swagger2), operations);
}

function specVersion(file: string, doc: SpecDocument): string {
  const v = doc.openapi ?? doc.swagger;
  if (v === undefined) throw new SpecError(file, '', 'is not an OpenAPI document (no "openapi" or "swagger" version field)');
  const text = String(v);
  if (!/^(2\.0|3\.[01](\.\d+)?)$/.test(text)) throw new SpecError(file, doc.openapi !== undefined ? 'openapi' : 'swagger', `version "${text.slice(0, 20)}" is not supported (2.0, 3.0.x, 3.1.x)`);
  return text;
}

/** Schemas reachable by $ref: components (3.x) or definitions (2.0). 3.1 passes too, for formats and readOnly. */
function normaliseSharedSchemas(doc: SpecDocument, dialect: SchemaDialect): void {
  const components = isObject(doc.components) ? doc.components : {};
  for (const map of [components.schemas, doc.definitions]) if (isObject(map)) for (const s of Object.values(map)) dialect.normalise(s);
}

function compileOperation(file: string, spec: OperationSpec, validators: SpecValidators): CompiledOperation {
  const compile = (schema: object, coerce: boolean, what: string): ValidateFunction => {
    try {
      return validators.compile(schema, coerce);
    } catch (e) {
      throw new SpecError(file, `${spec.where} ${what}`, `schema does not compile: ${(e as Error).message}`);
    }
  };
  const group = (location: ParamLocation): ParamGroup => {
    const params = spec.params.filter((p) => p.in === location);
    if (params.length === 0) return { params };
    return { params, validate: compile(groupSchema(params), true, `${location} parameters`) };
  };
  const query = group('query');
  const media: CompiledMedia[] | undefined = spec.body?.media.map((m) => ({
    type: m.type,
    kind: m.kind,
    coerce: m.coerce,
    ...(m.schema ? { validate: compile(m.schema, m.coerce, `requestBody ${m.type}`) } : {}),
  }));
  return {
    method: spec.method,
    template: spec.template,
    ...(spec.operationId !== undefined ? { operationId: spec.operationId } : {}),
    path: group('path'),
    query,
    header: group('header'),
    queryNames: new Set(query.params.map((p) => p.name)),
    deepObjectNames: query.params.filter((p) => p.deepObject).map((p) => p.name),
    openQuery: query.params.some((p) => p.shape === 'object' && !p.deepObject),
    ...(spec.body && media ? { body: { required: spec.body.required, media } } : {}),
  };
}

function groupSchema(params: ParamSpec[]): object {
  const properties: Record<string, object> = {};
  // object parameters spread over several names are not validated (see openQuery)
  for (const p of params) properties[p.name] = p.shape === 'object' && !p.deepObject ? {} : p.schema;
  return { type: 'object', properties, required: params.filter((p) => p.required && !(p.shape === 'object' && !p.deepObject)).map((p) => p.name) };
}
