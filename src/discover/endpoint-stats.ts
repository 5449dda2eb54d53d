import type { Exchange } from '../exchange/exchange.js';
import { firstHeader } from '../exchange/exchange.js';
import { queryParams, requestBody, type JsonValue } from '../exchange/body.js';
import { authSeen, isParameterHeader, type AuthScheme } from './auth-schemes.js';
import { InferredSchema } from './schema-inference.js';
import { scanJson, scanPairs, type SensitiveHit } from './sensitive-scan.js';
import type { SensitiveClass } from './sensitive-classes.js';

// What traffic showed about one method on one path (or path template): mergeable, so raw paths collapsed into one
// template merge their statistics, and bounded, so it does not grow with traffic.

export interface SensitiveField {
  location: string;
  class: SensitiveClass;
  count: number;
}

export interface EndpointLimits {
  /** Bodies (request and response) fed to schema inference per endpoint before sampling 1 in 10. */
  maxBodySamples: number;
  /** Example request paths kept per endpoint. */
  maxExamples: number;
}

export const DEFAULT_LIMITS: EndpointLimits = { maxBodySamples: 200, maxExamples: 5 };

const MAX_SENSITIVE_FIELDS = 100;
const MAX_PARAMETERS = 100;

export class EndpointStats {
  requests = 0;
  errors = 0;
  firstSeen = Infinity;
  lastSeen = 0;
  readonly statuses = new Map<number, number>();
  readonly query = new Map<string, InferredSchema>();
  readonly headers = new Map<string, InferredSchema>();
  /** Requests whose query / headers were observed (the denominator for `required`). */
  parameterSamples = 0;
  readonly requestBody = new InferredSchema();
  readonly requestMediaTypes = new Map<string, number>();
  readonly responses = new Map<number, InferredSchema>();
  readonly auth = new Map<AuthScheme, number>();
  /** Successful (2xx) requests per auth scheme: 'none' here means unauthenticated access worked. */
  readonly auth2xx = new Map<AuthScheme, number>();
  readonly sensitive = new Map<string, SensitiveField>();
  readonly examples: string[] = [];
  bodySamples = 0;

  constructor(readonly method: string) {}

  /** Records one exchange; returns the sensitive fields seen for the first time here. */
  observe(ex: Exchange, limits: EndpointLimits = DEFAULT_LIMITS): SensitiveField[] {
    this.requests++;
    const t = ex.timings.start;
    if (t < this.firstSeen) this.firstSeen = t;
    if (t > this.lastSeen) this.lastSeen = t;
    const status = ex.response?.status ?? 0;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status >= 400 || status === 0) this.errors++;
    if (this.examples.length < limits.maxExamples && !this.examples.includes(ex.request.path)) this.examples.push(ex.request.path);
    const query = queryParams(ex);
    for (const a of authSeen(ex.request.headers, query)) {
      bump(this.auth, a.scheme);
      if (status >= 200 && status < 300) bump(this.auth2xx, a.scheme);
    }
    this.parameterSamples++;
    const seenQuery = new Set<string>();
    for (const [name, value] of query) {
      if (seenQuery.has(name)) continue;
      seenQuery.add(name);
      observeNamed(this.query, name, value);
    }
    for (const name of Object.keys(ex.request.headers)) {
      if (!isParameterHeader(name)) continue;
      observeNamed(this.headers, name, firstHeader(ex.request.headers, name) ?? '');
    }
    const hits: SensitiveHit[] = [];
    scanPairs('query', query, hits);
    const sampleBody = this.bodySamples < limits.maxBodySamples || this.requests % 10 === 0;
    if (sampleBody) {
      this.bodySamples++;
      this.observeRequestBody(ex, hits);
      this.observeResponseBody(ex, status, hits);
    }
    return this.addSensitive(hits);
  }

  private observeRequestBody(ex: Exchange, hits: SensitiveHit[]): void {
    const body = requestBody(ex);
    if (body.kind === 'none') return;
    const mt = firstHeader(ex.request.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase() || 'application/octet-stream';
    bump(this.requestMediaTypes, mt);
    if (body.kind === 'json') {
      this.requestBody.observe(body.value);
      scanJson('body', body.value, hits);
    } else if (body.kind === 'form') {
      const obj: Record<string, JsonValue> = {};
      for (const [k, v] of body.fields) if (!(k in obj)) obj[k] = textValue(v);
      this.requestBody.observe(obj);
      scanPairs('body', body.fields, hits);
    }
  }

  private observeResponseBody(ex: Exchange, status: number, hits: SensitiveHit[]): void {
    const res = ex.response;
    if (!res) return;
    let schema = this.responses.get(status);
    if (!schema) this.responses.set(status, (schema = new InferredSchema()));
    const ct = firstHeader(res.headers, 'content-type') ?? '';
    if (!res.body || res.body.length === 0 || !/json/i.test(ct)) return;
    try {
      const value = JSON.parse(res.body.toString('utf8')) as JsonValue;
      schema.observe(value);
      scanJson('response', value, hits);
    } catch {
      // not JSON after all: nothing to infer
    }
  }

  private addSensitive(hits: SensitiveHit[]): SensitiveField[] {
    const fresh: SensitiveField[] = [];
    for (const h of hits) {
      const key = `${h.location}|${h.class}`;
      const known = this.sensitive.get(key);
      if (known) known.count++;
      else if (this.sensitive.size < MAX_SENSITIVE_FIELDS) {
        const field = { location: h.location, class: h.class, count: 1 };
        this.sensitive.set(key, field);
        fresh.push(field);
      }
    }
    return fresh;
  }

  merge(o: EndpointStats): void {
    this.requests += o.requests;
    this.errors += o.errors;
    this.firstSeen = Math.min(this.firstSeen, o.firstSeen);
    this.lastSeen = Math.max(this.lastSeen, o.lastSeen);
    this.parameterSamples += o.parameterSamples;
    this.bodySamples += o.bodySamples;
    addAll(this.statuses, o.statuses);
    addAll(this.requestMediaTypes, o.requestMediaTypes);
    addAll(this.auth, o.auth);
    addAll(this.auth2xx, o.auth2xx);
    mergeSchemas(this.query, o.query);
    mergeSchemas(this.headers, o.headers);
    mergeSchemas(this.responses, o.responses);
    this.requestBody.merge(o.requestBody);
    for (const [k, f] of o.sensitive) {
      const known = this.sensitive.get(k);
      if (known) known.count += f.count;
      else if (this.sensitive.size < MAX_SENSITIVE_FIELDS) this.sensitive.set(k, { ...f });
    }
    for (const e of o.examples) if (this.examples.length < DEFAULT_LIMITS.maxExamples && !this.examples.includes(e)) this.examples.push(e);
  }

  errorRate(): number {
    return this.requests ? this.errors / this.requests : 0;
  }
}

function textValue(v: string): JsonValue {
  if (/^-?\d{1,15}$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

function observeNamed(map: Map<string, InferredSchema>, name: string, value: string): void {
  let s = map.get(name);
  if (!s) {
    if (map.size >= MAX_PARAMETERS) return;
    map.set(name, (s = new InferredSchema()));
  }
  s.observeText(value);
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function addAll<K>(into: Map<K, number>, from: ReadonlyMap<K, number>): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

function mergeSchemas<K>(into: Map<K, InferredSchema>, from: ReadonlyMap<K, InferredSchema>): void {
  for (const [k, s] of from) {
    let mine = into.get(k);
    if (!mine) into.set(k, (mine = new InferredSchema()));
    mine.merge(s);
  }
}
