import type { SpecDocument } from './parse-document.js';
import { escapePointerSegment, type RefResolver } from './refs.js';
import { isObject, type SchemaDialect } from './schema-dialect.js';
import { SpecError } from './spec-error.js';
import { refTo } from './validators.js';

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ParamSpec {
  name: string;
  in: ParamLocation;
  required: boolean;
  shape: 'scalar' | 'array' | 'object';
  /** For arrays sent in one value (a,b,c); undefined when each item is a repeated parameter. */
  delimiter?: string;
  deepObject: boolean;
  schema: object;
}

export interface MediaSpec {
  /** application/json, application/*, * / * … as declared, lower-case. */
  type: string;
  kind: 'json' | 'form' | 'other';
  schema?: object;
  /** Swagger 2.0 formData fields are strings even when the client sends JSON. */
  coerce: boolean;
}

export interface OperationSpec {
  method: string;
  template: string;
  operationId?: string;
  /** JSON-pointer-like place for messages: paths./users/{id}.get */
  where: string;
  params: ParamSpec[];
  body?: { required: boolean; media: MediaSpec[] };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

type Obj = Record<string, unknown>;

/** Every operation of an OpenAPI 3.x or Swagger 2.0 document, with parameter and body schemas ready to compile. */
export function collectOperations(file: string, doc: SpecDocument, swagger2: boolean, refs: RefResolver, dialect: SchemaDialect): OperationSpec[] {
  const paths = doc.paths;
  if (!isObject(paths)) throw new SpecError(file, 'paths', 'is missing or not a mapping');
  const out: OperationSpec[] = [];
  for (const [template, rawItem] of Object.entries(paths)) {
    if (!template.startsWith('/')) throw new SpecError(file, `paths.${template}`, 'a path must start with /');
    const itemAt = `/paths/${escapePointerSegment(template)}`;
    const item = refs.resolve(rawItem, itemAt, `paths.${template}`);
    if (!isObject(item.value)) continue;
    for (const method of METHODS) {
      const op = item.value[method];
      if (!isObject(op)) continue;
      const where = `paths.${template}.${method}`;
      const opAt = `${item.pointer}/${method}`;
      const ctx: Ctx = { file, where, refs, dialect, swagger2 };
      const declared = [
        ...listParams(ctx, item.value.parameters, `${item.pointer}/parameters`),
        ...listParams(ctx, op.parameters, `${opAt}/parameters`),
      ];
      // operation-level parameters override path-level ones with the same name and location
      const byKey = new Map(declared.map((p) => [`${String(p.value.in)}:${String(p.value.name)}`, p]));
      const spec: OperationSpec = {
        method: method.toUpperCase(),
        template,
        where,
        params: [],
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
      };
      const formFields: Resolved[] = [];
      for (const p of byKey.values()) {
        const location = p.value.in;
        if (location === 'body') spec.body = swaggerBody(ctx, p, op, doc);
        else if (location === 'formData') formFields.push(p);
        else if (location === 'path' || location === 'query' || location === 'header' || location === 'cookie') {
          const param = toParam(ctx, p, location);
          if (param) spec.params.push(param);
        } else throw new SpecError(file, where, `parameter "${String(p.value.name)}" has an unknown location "${String(location)}"`);
      }
      if (formFields.length > 0) spec.body = swaggerForm(ctx, formFields, op, doc);
      if (!swagger2 && op.requestBody !== undefined) spec.body = openApiBody(ctx, op.requestBody, `${opAt}/requestBody`);
      out.push(spec);
    }
  }
  return out;
}

interface Ctx {
  file: string;
  where: string;
  refs: RefResolver;
  dialect: SchemaDialect;
  swagger2: boolean;
}

type Resolved = { value: Obj; pointer: string };

function listParams(ctx: Ctx, list: unknown, at: string): Resolved[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new SpecError(ctx.file, ctx.where, 'parameters must be a list');
  return list.map((raw, i) => {
    const r = ctx.refs.resolve(raw, `${at}/${i}`, `${ctx.where}.parameters[${i}]`);
    if (!isObject(r.value) || typeof r.value.name !== 'string' || typeof r.value.in !== 'string')
      throw new SpecError(ctx.file, `${ctx.where}.parameters[${i}]`, 'a parameter needs a name and an "in"');
    return { value: r.value, pointer: r.pointer };
  });
}

function toParam(ctx: Ctx, p: Resolved, location: ParamLocation): ParamSpec | undefined {
  const v = p.value;
  const name = location === 'header' ? String(v.name).toLowerCase() : String(v.name);
  if (location === 'header' && IGNORED_HEADERS.has(name)) return undefined;
  let schema: object;
  let type: unknown;
  if (ctx.swagger2) {
    schema = ctx.dialect.fromSwaggerParameter(v);
    type = v.type;
  } else if (v.schema !== undefined) {
    ctx.dialect.normalise(v.schema);
    schema = refTo(`${p.pointer}/schema`);
    type = ctx.refs.resolve(v.schema, `${p.pointer}/schema`, `${ctx.where} parameter "${name}"`).value;
    type = isObject(type) ? type.type : undefined;
  } else schema = {}; // `content`-encoded parameters are accepted as they are
  const shape = type === 'array' || (Array.isArray(type) && type.includes('array')) ? 'array' : type === 'object' ? 'object' : 'scalar';
  return {
    name,
    in: location,
    required: location === 'path' || v.required === true,
    shape,
    delimiter: shape === 'array' ? delimiterOf(ctx.swagger2, v, location) : undefined,
    deepObject: v.style === 'deepObject',
    schema,
  };
}

function delimiterOf(swagger2: boolean, v: Obj, location: ParamLocation): string | undefined {
  if (swagger2) {
    const format = v.collectionFormat ?? 'csv';
    return format === 'multi' ? undefined : format === 'ssv' ? ' ' : format === 'tsv' ? '\t' : format === 'pipes' ? '|' : ',';
  }
  if (location !== 'query' && location !== 'cookie') return ',';
  if (v.explode ?? (v.style === undefined || v.style === 'form')) return undefined;
  return v.style === 'spaceDelimited' ? ' ' : v.style === 'pipeDelimited' ? '|' : ',';
}

function mediaKind(type: string): MediaSpec['kind'] {
  if (type === 'application/json' || type.endsWith('+json') || type === '*/*' || type === 'application/*') return 'json';
  return type === 'application/x-www-form-urlencoded' ? 'form' : 'other';
}

function openApiBody(ctx: Ctx, raw: unknown, at: string): OperationSpec['body'] {
  const r = ctx.refs.resolve(raw, at, `${ctx.where}.requestBody`);
  if (!isObject(r.value)) throw new SpecError(ctx.file, `${ctx.where}.requestBody`, 'must be a mapping');
  const content = isObject(r.value.content) ? r.value.content : {};
  const media: MediaSpec[] = Object.entries(content).map(([type, m]) => {
    const lower = type.toLowerCase().split(';')[0]!.trim();
    const spec: MediaSpec = { type: lower, kind: mediaKind(lower), coerce: lower === 'application/x-www-form-urlencoded' };
    if (isObject(m) && m.schema !== undefined && spec.kind !== 'other') {
      ctx.dialect.normalise(m.schema);
      spec.schema = refTo(`${r.pointer}/content/${escapePointerSegment(type)}/schema`);
    }
    return spec;
  });
  return { required: r.value.required === true, media };
}

function consumes(op: Obj, doc: SpecDocument): string[] {
  const list = Array.isArray(op.consumes) ? op.consumes : Array.isArray(doc.consumes) ? doc.consumes : ['application/json'];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase().split(';')[0]!.trim());
}

function swaggerBody(ctx: Ctx, p: Resolved, op: Obj, doc: SpecDocument): OperationSpec['body'] {
  const schemaAt = `${p.pointer}/schema`;
  ctx.dialect.normalise(p.value.schema);
  const schema = p.value.schema !== undefined ? refTo(schemaAt) : undefined;
  const media = consumes(op, doc).map((type): MediaSpec => {
    const kind = mediaKind(type);
    return { type, kind, coerce: false, ...(kind === 'json' && schema ? { schema } : {}) };
  });
  return { required: p.value.required === true, media };
}

function swaggerForm(ctx: Ctx, fields: Resolved[], op: Obj, doc: SpecDocument): OperationSpec['body'] {
  const properties: Record<string, object> = {};
  const required: string[] = [];
  for (const f of fields) {
    const name = String(f.value.name);
    properties[name] = ctx.dialect.fromSwaggerParameter(f.value);
    if (f.value.required === true) required.push(name);
  }
  const schema = { type: 'object', properties, required };
  const types = consumes(op, doc);
  const media = (types.length ? types : ['application/x-www-form-urlencoded']).map((type): MediaSpec => {
    const kind = mediaKind(type);
    return { type, kind, coerce: true, ...(kind !== 'other' ? { schema } : {}) };
  });
  return { required: required.length > 0, media };
}
