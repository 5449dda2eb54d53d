import type { DiscoveredEndpoint } from './inventory.js';
import { shapeSchema } from './segment-shape.js';
import type { EndpointEntry, ParameterEntry } from './report-model.js';
import { fieldList } from './field-list.js';

// One discovered endpoint as a report entry: parameters, schemas, auth and sensitive data with their sample counts.

export function endpointEntry(e: DiscoveredEndpoint): EndpointEntry {
  const s = e.stats;
  const parameters: ParameterEntry[] = [];
  for (const seg of e.segments) {
    if (seg.kind === 'param') parameters.push({ name: seg.name, in: 'path', required: true, schema: shapeSchema(seg.shapes), samples: s.requests });
  }
  for (const [name, schema] of [...s.query].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    parameters.push({ name, in: 'query', required: schema.samples >= s.parameterSamples, schema: schema.toJsonSchema(), samples: schema.samples });
  for (const [name, schema] of [...s.headers].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    parameters.push({ name, in: 'header', required: schema.samples >= s.parameterSamples, schema: schema.toJsonSchema(), samples: schema.samples });
  const responses: EndpointEntry['responses'] = {};
  for (const [status, schema] of [...s.responses].sort((a, b) => a[0] - b[0])) if (status > 0) responses[String(status)] = { schema: schema.toJsonSchema(), samples: schema.samples };
  const statuses: Record<string, number> = {};
  for (const [code, n] of [...s.statuses].sort((a, b) => a[0] - b[0])) statuses[String(code)] = n;
  return {
    method: e.method,
    host: e.host,
    path: e.path,
    status: 'shadow',
    sources: ['traffic'],
    auth: [...s.auth.keys()].sort(),
    sensitive: [...s.sensitive.values()].map((f) => ({ class: f.class, location: f.location, count: f.count })),
    requests: s.requests,
    errorRate: Math.round(s.errorRate() * 1000) / 1000,
    ...(Number.isFinite(s.firstSeen) && s.firstSeen > 0 ? { firstSeen: new Date(s.firstSeen).toISOString(), lastSeen: new Date(s.lastSeen).toISOString() } : {}),
    statuses,
    parameters,
    ...(s.requestBody.samples > 0
      ? { requestBody: { mediaTypes: [...s.requestMediaTypes.keys()], schema: s.requestBody.toJsonSchema(), samples: s.requestBody.samples } }
      : {}),
    responses,
    fields: [...s.responses].sort((a, b) => a[0] - b[0]).reduce((list, [status, schema]) => fieldList(`response ${status}`, schema, list), fieldList('body', s.requestBody)),
  };
}
