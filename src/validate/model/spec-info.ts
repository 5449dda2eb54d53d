import { readSpecDocument, type SpecDocument } from '../../policy/schema/parse-document.js';
import { loadSpec, type LoadedSpec } from '../../policy/schema/index.js';
import { sampleOf, stringProperties, type Json, type Schema } from './sample.js';

/** How an operation wants its caller to authenticate, as the spec's securitySchemes say. */
export type SpecCredential = { kind: 'bearer' } | { kind: 'api-key'; in: 'header' | 'query'; name: string };

/** What validation needs to know about one spec operation. */
export interface SpecOperation {
  method: string;
  template: string;
  /** Credentials the operation requires; empty when it is public (no security, or an empty alternative). */
  credentials: SpecCredential[];
  /** A minimal valid JSON body, when the operation takes one. */
  body?: Json;
  /** String properties of the body, where a probe value can go. */
  bodyStrings: string[];
  /** The body schema refuses properties it does not declare (additionalProperties: false). */
  bodyClosed: boolean;
  /** Declared string query parameters, where a probe value can go without being "unknown". */
  queryStrings: string[];
  /** Lower-case text of the operation's declared responses, to tell declared data from leaks. */
  responseText: string;
}

export interface SpecInfo {
  file: string;
  loaded: LoadedSpec;
  operations: SpecOperation[];
  find(method: string, path: string): SpecOperation | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function obj(v: unknown): Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Schema) : {};
}

/** Inlines local `$ref`s (cycles stop at depth 8). */
function resolver(doc: SpecDocument): (v: unknown) => unknown {
  const at = (ref: string): unknown =>
    ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, seg) => obj(node)[seg.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  const walk = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, depth));
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Schema;
    if (typeof o.$ref === 'string' && o.$ref.startsWith('#/')) return depth > 8 ? {} : walk(at(o.$ref), depth + 1);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x, depth)]));
  };
  return (v) => walk(v, 0);
}

function credentialsOf(security: unknown, schemes: Schema): SpecCredential[] {
  if (!Array.isArray(security) || security.length === 0) return [];
  if (security.some((alt) => Object.keys(obj(alt)).length === 0)) return []; // `{}` makes it optional
  const out: SpecCredential[] = [];
  for (const name of Object.keys(obj(security[0]))) {
    const s = obj(schemes[name]);
    if (s.type === 'apiKey' && (s.in === 'header' || s.in === 'query') && typeof s.name === 'string') out.push({ kind: 'api-key', in: s.in, name: s.name });
    else out.push({ kind: 'bearer' });
  }
  return out.length > 0 ? out : [{ kind: 'bearer' }];
}

export function readSpecInfo(file: string): SpecInfo {
  const loaded = loadSpec(file);
  const doc = readSpecDocument(file);
  const resolve = resolver(doc);
  const schemes = obj(resolve(obj(doc.components).securitySchemes ?? doc.securityDefinitions));
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(obj(doc.paths))) {
    for (const method of METHODS) {
      const op = obj(resolve(obj(item)[method]));
      if (Object.keys(op).length === 0) continue;
      const params = [...(Array.isArray(obj(item).parameters) ? (obj(item).parameters as unknown[]) : []), ...(Array.isArray(op.parameters) ? op.parameters : [])].map((p) => obj(resolve(p)));
      const json = obj(obj(obj(op.requestBody).content)['application/json']).schema;
      operations.push({
        method: method.toUpperCase(),
        template,
        credentials: credentialsOf(op.security ?? doc.security, schemes),
        body: json === undefined ? undefined : sampleOf(json),
        bodyStrings: stringProperties(json),
        bodyClosed: obj(json).additionalProperties === false,
        queryStrings: params.filter((p) => p.in === 'query' && (obj(p.schema).type ?? p.type) === 'string').map((p) => String(p.name)),
        responseText: JSON.stringify(op.responses ?? {}).toLowerCase(),
      });
    }
  }
  return {
    file,
    loaded,
    operations,
    find(method, path) {
      const m = loaded.match(method, path);
      if (m.kind !== 'operation') return undefined;
      return operations.find((o) => o.method === m.operation.method && o.template === m.operation.template);
    },
  };
}
