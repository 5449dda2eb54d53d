import { newDecision, type Exchange, type Headers } from '../../src/exchange/exchange.js';
import { readSpecDocument } from '../../src/policy/schema/parse-document.js';
import { RefResolver } from '../../src/policy/schema/refs.js';
import { Random, DIGITS, HEX, LOWER, UPPER } from './random.js';
import { sampleString, sampleValue, type Resolve } from './value-sampler.js';

// Synthesises traffic from an API description: several requests per operation, path ids drawn with realistic shapes
// and many distinct values, query parameters, bodies, auth and responses from the schemas. Discovery later sees only
// the exchanges, never the spec.

type Obj = Record<string, unknown>;

export interface SpecOperation {
  method: string;
  /** The full request path template, base path included: /v1/albums/{id}. */
  path: string;
}

export interface Synthesised {
  host: string;
  operations: SpecOperation[];
  exchanges: Exchange[];
}

export interface SynthesisOptions {
  requestsPerOperation?: number;
  seed?: number;
  /** Operations (METHOD path) to leave out of the traffic. */
  skip?: ReadonlySet<string>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

export function synthesiseTraffic(file: string, options: SynthesisOptions = {}): Synthesised {
  const doc = readSpecDocument(file);
  const refs = new RefResolver(file, doc);
  const resolve: Resolve = (v) => refs.resolve(v, '', file).value;
  const rnd = new Random(options.seed ?? 7);
  const { host, basePath } = hostAndBase(doc);
  const operations: SpecOperation[] = [];
  const exchanges: Exchange[] = [];
  let clock = Date.UTC(2026, 0, 5);
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [template, rawItem] of Object.entries(paths)) {
    const item = resolve(rawItem);
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const path = basePath + template;
      operations.push({ method: method.toUpperCase(), path });
      if (options.skip?.has(operationKey(method, path))) continue;
      const params = [...list(item.parameters), ...list(op.parameters)].map(resolve).filter(isObj);
      for (let i = 0; i < (options.requestsPerOperation ?? 5); i++) {
        clock += rnd.int(50, 5000);
        exchanges.push(request(rnd, resolve, doc, op, method.toUpperCase(), host, path, params, clock));
      }
    }
  }
  return { host, operations, exchanges };
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function hostAndBase(doc: Obj): { host: string; basePath: string } {
  if (typeof doc.swagger === 'string') {
    const base = typeof doc.basePath === 'string' ? doc.basePath.replace(/\/+$/, '') : '';
    return { host: typeof doc.host === 'string' ? doc.host : 'api.example.test', basePath: base };
  }
  const server = list(doc.servers).find(isObj);
  try {
    const u = new URL(typeof server?.url === 'string' ? server.url : 'https://api.example.test');
    return { host: u.host, basePath: u.pathname.replace(/\/+$/, '') };
  } catch {
    return { host: 'api.example.test', basePath: '' };
  }
}

function paramSchema(p: Obj): Obj {
  return isObj(p.schema) ? p.schema : p;
}

/** A path id with the shape real APIs use for a parameter of this name and schema. */
export function pathValue(rnd: Random, resolve: Resolve, p: Obj, previous: string): string {
  const name = String(p.name);
  const schema = resolve(paramSchema(p));
  const s = isObj(schema) ? schema : {};
  if (/sid$/i.test(name) && typeof s.pattern !== 'string') return sidPrefix(previous) + rnd.chars(HEX, 32);
  if (/phone/i.test(name)) return `+1${rnd.int(201, 989)}${rnd.chars(DIGITS, 7)}`;
  if (Array.isArray(s.enum) && s.enum.length) return String(rnd.pick(s.enum));
  if (s.type === 'integer' || s.type === 'number') return String(rnd.int(1, 9_999_999));
  return sampleString(rnd, s);
}

function sidPrefix(previous: string): string {
  const letters = previous.replace(/[^A-Za-z]/g, '').toUpperCase();
  return (letters.slice(0, 2) || 'XX').padEnd(2, 'X');
}

function request(rnd: Random, resolve: Resolve, doc: Obj, op: Obj, method: string, host: string, template: string, params: Obj[], time: number): Exchange {
  const byName = new Map(params.filter((p) => p.in === 'path').map((p) => [String(p.name), p]));
  const segments = template.split('/');
  const path = segments
    .map((seg, i) => seg.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(pathValue(rnd, resolve, byName.get(name) ?? { name }, segments[i - 1] ?? ''))))
    .join('/');
  const query: string[] = [];
  const headers: Headers = { host, 'user-agent': 'synth/1.0', accept: 'application/json' };
  const form: string[] = [];
  let jsonBody: unknown;
  for (const p of params) {
    if (p.in === 'path' || (p.required !== true && !rnd.chance(0.5))) continue;
    const value = p.in === 'body' ? undefined : sampleValue(rnd, paramSchema(p), resolve);
    const text = Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (p.in === 'query') query.push(`${encodeURIComponent(String(p.name))}=${encodeURIComponent(text)}`);
    else if (p.in === 'header') headers[String(p.name).toLowerCase()] = text;
    else if (p.in === 'formData') form.push(`${encodeURIComponent(String(p.name))}=${encodeURIComponent(text)}`);
    else if (p.in === 'body') jsonBody = sampleValue(rnd, p.schema, resolve);
  }
  const requestBody = resolve(op.requestBody);
  if (isObj(requestBody) && isObj(requestBody.content)) {
    const content = requestBody.content;
    const json = content['application/json'];
    const urlencoded = content['application/x-www-form-urlencoded'];
    if (isObj(json)) jsonBody = sampleValue(rnd, json.schema, resolve);
    else if (isObj(urlencoded)) {
      const obj = sampleValue(rnd, urlencoded.schema, resolve);
      if (isObj(obj)) for (const [k, v] of Object.entries(obj)) if (typeof v !== 'object') form.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    }
  }
  let body: Buffer | undefined;
  if (jsonBody !== undefined) {
    body = Buffer.from(JSON.stringify(jsonBody));
    headers['content-type'] = 'application/json';
  } else if (form.length) {
    body = Buffer.from(form.join('&'));
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  addAuth(rnd, resolve, doc, op, headers, query);
  const { status, value } = response(rnd, resolve, op);
  const resBody = value === undefined ? undefined : Buffer.from(JSON.stringify(value));
  const q = query.join('&');
  return {
    id: `synth-${time}`,
    source: 'har',
    client: { ip: '198.51.100.7', peerIp: '198.51.100.7', forwardedFor: [] },
    request: { method, url: q ? `${path}?${q}` : path, path, query: q, host, scheme: 'https', httpVersion: '1.1', headers, body, bodySize: body?.length ?? 0, bodyTruncated: false },
    response: { status, headers: resBody ? { 'content-type': 'application/json' } : {}, body: resBody, bodySize: resBody?.length ?? 0 },
    route: { params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start: time, total: rnd.int(5, 300) },
  };
}

function addAuth(rnd: Random, resolve: Resolve, doc: Obj, op: Obj, headers: Headers, query: string[]): void {
  const requirement = list(op.security ?? doc.security).find(isObj);
  const name = requirement ? Object.keys(requirement)[0] : undefined;
  if (!name) return;
  const schemes = isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : isObj(doc.securityDefinitions) ? doc.securityDefinitions : {};
  const scheme = resolve(schemes[name]);
  if (!isObj(scheme)) return;
  if (scheme.type === 'http' && scheme.scheme === 'basic') headers.authorization = `Basic ${Buffer.from(`AC${rnd.chars(HEX, 32)}:${rnd.chars(HEX, 32)}`).toString('base64')}`;
  else if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
    const key = rnd.chars(HEX + UPPER, 32);
    if (scheme.in === 'query') query.push(`${encodeURIComponent(scheme.name)}=${key}`);
    else headers[scheme.name.toLowerCase()] = key;
  } else headers.authorization = `Bearer ${rnd.chars(HEX + LOWER + UPPER, 40)}`;
}

function response(rnd: Random, resolve: Resolve, op: Obj): { status: number; value?: unknown } {
  const responses = isObj(op.responses) ? op.responses : {};
  const code = Object.keys(responses).find((c) => /^2\d\d$/.test(c)) ?? '200';
  const r = resolve(responses[code]);
  let schema: unknown;
  if (isObj(r)) {
    if (isObj(r.content)) {
      const json = Object.entries(r.content).find(([t]) => /json/.test(t))?.[1];
      schema = isObj(json) ? json.schema : undefined;
    } else schema = r.schema;
  }
  return { status: Number(code), ...(schema !== undefined ? { value: sampleValue(rnd, schema, resolve) } : {}) };
}
