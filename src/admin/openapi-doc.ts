import type { AdminRoute } from './admin-server.js';

// The admin API as OpenAPI 3.1, generated from the routes the server actually has (so it cannot list a route that
// does not exist), with a summary per route. Response shapes are the TypeScript types of src/admin/api-types.ts,
// named in x-vigil-type.

const INFO: Record<string, [summary: string, type?: string, query?: string[]]> = {
  'GET /api/me': ['Who the token belongs to, and its role', 'Me'],
  'GET /api/audit': ['Recent changes made through the API (admin)', 'AuditEntryView[]'],
  'GET /api/blocks': ['Runtime blocks and allows with their expiry', 'BlockList'],
  'POST /api/blocks': ['Block (or allow) an ip or principal for ttl_s seconds (admin, audited)'],
  'DELETE /api/blocks': ['Remove a block or allow (admin, audited)', undefined, ['ip', 'principal', 'kind']],
  'GET /api/traffic': ['Search recorded traffic, newest first', 'TrafficPage', ['ip', 'principal', 'route', 'status', 'decision', 'since', 'until', 'text', 'limit', 'order']],
  'GET /api/traffic/export.har': ['Matching exchanges as HAR 1.2 (redacted, as recorded)', 'HAR', ['ip', 'principal', 'route', 'status', 'decision', 'since', 'until', 'text', 'limit']],
  'GET /api/traffic/{id}': ['One recorded exchange with headers and bodies (redacted)', 'ExchangeDetail', ['time']],
  'GET /api/timeline': ["An actor's exchanges and alerts in time order", 'Timeline', ['ip', 'principal', 'since', 'until', 'limit']],
  'GET /api/alerts': ['Alerts with their triage status, most recent first', 'AlertList', ['since', 'until', 'ip', 'principal', 'severity', 'status', 'limit']],
  'GET /api/alerts/{id}': ['One alert', 'AlertView'],
  'POST /api/alerts/{id}/ack': ['Acknowledge an alert (admin, audited)', 'AlertView'],
  'POST /api/alerts/{id}/resolve': ['Resolve an alert (admin, audited)', 'AlertView'],
  'POST /api/alerts/{id}/reopen': ['Reopen an alert (admin, audited)', 'AlertView'],
  'POST /api/alerts/{id}/notes': ['Add a note {text} to an alert (admin, audited)', 'AlertView'],
  'GET /api/incidents': ["Incidents: alerts of one actor (address or principal) within 30 minutes of each other, most recent first", 'IncidentList', ['since', 'until', 'ip', 'principal']],
  'GET /api/incidents/{id}': ["One incident with its alerts and the actor's exchanges, evidence marked", 'IncidentDetail'],
  'GET /api/overview': ['Requests, blocked, would-block and alerts over time; top attacked routes, actors, countries', 'Overview', ['since', 'until', 'buckets']],
  'GET /api/policy': ['The effective policy, secrets hidden', 'object'],
  'GET /api/inventory': ['Endpoints discovered from recorded traffic', 'InventoryView', ['since', 'limit']],
  'GET /api/inventory/openapi.json': ['The discovered API as OpenAPI 3.1', 'object', ['since', 'limit']],
  'GET /api/validation': ['The last validation run, if a state directory is configured', 'ValidationView'],
};

const errors = {
  '400': { description: 'invalid parameters or body: { error }' },
  '401': { description: 'no or unknown bearer token' },
  '403': { description: 'the token lacks the role' },
};

export function adminOpenApi(routes: readonly AdminRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const [summary, type, query] = INFO[`${r.method} ${path}`] ?? [`${r.method} ${path}`];
    const parameters = [
      ...[...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(query ?? []).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
    ];
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary,
      'x-vigil-role': r.role,
      ...(parameters.length ? { parameters } : {}),
      ...(r.method === 'POST' ? { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } } : {}),
      responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object', 'x-vigil-type': type ?? 'object' } } } }, ...errors },
    };
  }
  paths['/api/events'] = {
    get: {
      summary: 'Live stream (Server-Sent Events): `event: exchange` and `event: alert`, data is a LiveEvent. Token in Authorization or ?token=',
      'x-vigil-role': 'viewer',
      parameters: [{ name: 'token', in: 'query', required: false, schema: { type: 'string' } }],
      responses: { '200': { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, '401': errors['401'] },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Vigil admin API', version: '1', description: 'Viewer tokens read; admin tokens change (every change is audited). Secrets are never returned.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
