import { loadSpec, type LoadedSpec } from '../policy/schema/index.js';
import { readSpecDocument } from '../policy/schema/parse-document.js';
import { RefResolver } from '../policy/schema/refs.js';

// The API descriptions traffic is compared with: the repo's loader (loadSpec) matches paths; the facts it does not
// keep (deprecated, security, responses, declared fields) are read here from the same document.

type Obj = Record<string, unknown>;

export interface OperationFacts {
  specFile: string;
  /** The first host the spec is served on, or '' when it names none. */
  host: string;
  method: string;
  /** The spec's own template, and the request path template with the base path. */
  template: string;
  fullPath: string;
  deprecated: boolean;
  securityRequired: boolean;
  /** Declared response codes: 200, 2XX, default. */
  responses: Set<string>;
  /** Declared query / header parameters with their schema type, when simple. */
  query: Map<string, string | undefined>;
  headers: Set<string>;
  /** Top-level request body fields and their types; undefined when the body is not described field by field. */
  bodyFields?: Map<string, string | undefined>;
  /** Set once traffic matched it. */
  called: boolean;
}

interface CatalogEntry {
  spec: LoadedSpec;
  hosts: Set<string>;
  facts: Map<string, OperationFacts>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class SpecCatalog {
  private readonly entries: CatalogEntry[] = [];

  /** Loads a spec; throws SpecError naming the file. */
  add(file: string): void {
    const spec = loadSpec(file);
    const doc = readSpecDocument(file);
    const refs = new RefResolver(file, doc);
    const resolve = (v: unknown): unknown => refs.resolve(v, '', file).value;
    const base = spec.basePaths[spec.basePaths.length - 1] ?? '';
    const facts = new Map<string, OperationFacts>();
    const hosts = specHosts(doc);
    const paths = isObj(doc.paths) ? doc.paths : {};
    for (const [template, rawItem] of Object.entries(paths)) {
      const item = resolve(rawItem);
      if (!isObj(item)) continue;
      for (const m of METHODS) {
        const op = item[m];
        if (!isObj(op)) continue;
        const f = operationFacts(file, doc, resolve, item, op, m.toUpperCase(), template, base, hosts);
        facts.set(`${f.method} ${template}`, f);
      }
    }
    this.entries.push({ spec, hosts, facts });
  }

  get size(): number {
    return this.entries.length;
  }

  /** The operation a request would reach, preferring specs served on the request's host. */
  match(host: string, method: string, path: string): OperationFacts | undefined {
    const ordered = [...this.entries].sort((a, b) => Number(b.hosts.has(host)) - Number(a.hosts.has(host)));
    for (const e of ordered) {
      if (e.hosts.size > 0 && !e.hosts.has(host) && ordered.some((o) => o.hosts.has(host))) continue;
      const m = e.spec.match(method, path);
      if (m.kind === 'operation') return e.facts.get(`${m.operation.method} ${m.operation.template}`);
    }
    return undefined;
  }

  operations(): OperationFacts[] {
    return this.entries.flatMap((e) => [...e.facts.values()]);
  }
}

function specHosts(doc: Obj): Set<string> {
  const out = new Set<string>();
  if (typeof doc.host === 'string') out.add(doc.host.toLowerCase());
  for (const s of Array.isArray(doc.servers) ? doc.servers : []) {
    if (!isObj(s) || typeof s.url !== 'string') continue;
    try {
      out.add(new URL(s.url).host.toLowerCase());
    } catch {
      // relative server URL: no host
    }
  }
  return out;
}

function operationFacts(file: string, doc: Obj, resolve: (v: unknown) => unknown, item: Obj, op: Obj, method: string, template: string, base: string, hosts: Set<string>): OperationFacts {
  const params = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])].map(resolve).filter(isObj);
  const query = new Map<string, string | undefined>();
  const headers = new Set<string>();
  let bodyFields: Map<string, string | undefined> | undefined;
  for (const p of params) {
    const name = String(p.name);
    const schema = resolve(isObj(p.schema) && p.in !== 'body' ? p.schema : p);
    const type = isObj(schema) && typeof schema.type === 'string' ? schema.type : undefined;
    if (p.in === 'query') query.set(name, type);
    else if (p.in === 'header') headers.add(name.toLowerCase());
    else if (p.in === 'formData') (bodyFields ??= new Map()).set(name, type);
    else if (p.in === 'body') bodyFields = fieldsOf(resolve, p.schema);
  }
  const requestBody = resolve(op.requestBody);
  if (isObj(requestBody) && isObj(requestBody.content)) {
    for (const media of Object.values(requestBody.content)) {
      if (!isObj(media)) continue;
      const fields = fieldsOf(resolve, media.schema);
      if (fields) bodyFields = new Map([...(bodyFields ?? []), ...fields]);
    }
  }
  const security = op.security ?? doc.security;
  return {
    specFile: file,
    host: [...hosts][0] ?? '',
    method,
    template,
    fullPath: base + template,
    deprecated: op.deprecated === true,
    securityRequired: Array.isArray(security) && security.length > 0 && !security.some((r) => isObj(r) && Object.keys(r).length === 0),
    responses: new Set(Object.keys(isObj(op.responses) ? op.responses : {}).map((k) => k.toUpperCase())),
    query,
    headers,
    ...(bodyFields ? { bodyFields } : {}),
    called: false,
  };
}

/** Top-level properties of an object schema (allOf parts included); undefined when it is not described that way. */
function fieldsOf(resolve: (v: unknown) => unknown, raw: unknown, depth = 0): Map<string, string | undefined> | undefined {
  const schema = resolve(raw);
  if (!isObj(schema) || depth > 4) return undefined;
  let out: Map<string, string | undefined> | undefined;
  if (isObj(schema.properties)) {
    out = new Map();
    for (const [k, v] of Object.entries(schema.properties)) {
      const s = resolve(v);
      out.set(k, isObj(s) && typeof s.type === 'string' ? s.type : undefined);
    }
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      const f = fieldsOf(resolve, part, depth + 1);
      if (f) out = new Map([...(out ?? []), ...f]);
    }
  }
  // open objects (additionalProperties) and oneOf/anyOf cannot be compared field by field
  if (schema.additionalProperties === true || isObj(schema.additionalProperties) || schema.oneOf || schema.anyOf) return undefined;
  return out;
}
