import type { AuthScheme } from './auth-schemes.js';
import type { DiscoveryReport, EndpointEntry } from './report-model.js';

// An OpenAPI 3.1 document reconstructed from traffic: every traffic endpoint with its parameters, request body,
// responses per status and the security schemes seen. Orphans (spec-only) are left out: traffic never showed them.

type Obj = Record<string, unknown>;

const SECURITY: Record<Exclude<AuthScheme, 'none'>, { key: string; scheme: Obj }> = {
  'bearer-jwt': { key: 'bearerJwt', scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  bearer: { key: 'bearer', scheme: { type: 'http', scheme: 'bearer' } },
  basic: { key: 'basic', scheme: { type: 'http', scheme: 'basic' } },
  'api-key-header': { key: 'apiKeyHeader', scheme: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
  'api-key-query': { key: 'apiKeyQuery', scheme: { type: 'apiKey', in: 'query', name: 'api_key' } },
  cookie: { key: 'cookie', scheme: { type: 'apiKey', in: 'cookie', name: 'session' } },
};

export function buildOpenApi(report: DiscoveryReport, title = 'Discovered API'): Obj {
  const traffic = report.endpoints.filter((e) => e.sources.includes('traffic'));
  const hosts = [...new Set(traffic.map((e) => e.host))].sort();
  const paths: Record<string, Obj> = {};
  const schemes: Record<string, Obj> = {};
  for (const e of traffic) {
    const item = (paths[e.path] ??= {});
    item[e.method.toLowerCase()] = operation(e, schemes);
  }
  const doc: Obj = {
    openapi: '3.1.0',
    info: { title, version: '0.0.0-discovered', description: 'Reconstructed by vigil discover from observed traffic.' },
    paths,
  };
  if (hosts.length) doc.servers = hosts.map((h) => ({ url: `https://${h}` }));
  if (Object.keys(schemes).length) doc.components = { securitySchemes: schemes };
  return doc;
}

function operation(e: EndpointEntry, schemes: Record<string, Obj>): Obj {
  const op: Obj = { operationId: operationId(e), 'x-vigil-requests': e.requests };
  if (e.parameters.length) op.parameters = e.parameters.map((p) => ({ name: p.name, in: p.in, required: p.in === 'path' ? true : p.required, schema: p.schema }));
  if (e.requestBody) {
    const content: Obj = {};
    for (const mt of e.requestBody.mediaTypes.length ? e.requestBody.mediaTypes : ['application/json']) content[mt] = { schema: e.requestBody.schema };
    op.requestBody = { content };
  }
  const responses: Obj = {};
  for (const [status, r] of Object.entries(e.responses)) {
    const hasBody = Object.keys(r.schema).length > 0;
    responses[status] = { description: `observed ${r.samples} times`, ...(hasBody ? { content: { 'application/json': { schema: r.schema } } } : {}) };
  }
  if (Object.keys(responses).length === 0) responses.default = { description: 'no response observed' };
  op.responses = responses;
  const security: Obj[] = [];
  for (const a of e.auth) {
    if (a === 'none') continue;
    const s = SECURITY[a];
    schemes[s.key] = s.scheme;
    security.push({ [s.key]: [] });
  }
  if (security.length) {
    if (e.auth.includes('none')) security.push({});
    op.security = security;
  }
  return op;
}

function operationId(e: EndpointEntry): string {
  const words = e.path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return [e.method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('') + (e.host ? `_${e.host.replace(/[^A-Za-z0-9]+/g, '_')}` : '');
}
