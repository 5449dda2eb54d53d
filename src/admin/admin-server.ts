import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseListenAddress } from '../net/listen-address.js';
import type { RuntimeBlocks } from '../policy/blocks/runtime-blocks.js';
import type { AdminToken, VigilConfig } from '../config/types.js';
import type { TrafficStore } from '../store/store.js';
import { AdminAuth, allows, type Caller, type Role } from './admin-auth.js';
import { blocksRoutes } from './blocks-api.js';
import { AuditLog } from './audit-log.js';
import { HttpError } from './http-error.js';
import { matchPath } from './route-match.js';
import { AlertTriage } from './alert-triage.js';
import { trafficRoutes } from './traffic-api.js';
import { alertsRoutes } from './alerts-api.js';
import { incidentsRoutes } from './incidents-api.js';
import { overviewRoutes } from './overview-api.js';
import { inventoryRoutes, RecordedInventory } from './inventory-api.js';
import { validationRoutes } from './validation-api.js';
import { policyView } from './policy-view.js';
import { EventStream } from './event-stream.js';
import { adminOpenApi } from './openapi-doc.js';
import { defaultUiDir, serveUi } from './static-ui.js';
import type { Me } from './api-types.js';

export interface AdminSources {
  /** Prometheus text exposition. */
  metrics(): Promise<{ contentType: string; body: string }>;
  health(): { ok: boolean; detail: Record<string, unknown> };
  blocks?: RuntimeBlocks;
  tokens?: readonly AdminToken[];
  /** The traffic store (read): traffic, alerts, timelines, overview, inventory and the live stream. */
  store?: TrafficStore;
  /** The running configuration, shown with its secrets hidden. */
  config?: () => VigilConfig;
  /** Where alert triage (acknowledged, resolved, notes) is kept; in memory when absent. */
  triageFile?: string;
  /** State directory of `vigil validate --every`: its last run is shown. */
  validationDir?: string;
  /** The built dashboard; default src/admin/ui/dist. */
  uiDir?: string;
  audit?: AuditLog;
}

export interface AdminRequest {
  caller: Caller;
  url: URL;
  /** Path parameters (`:id`), decoded. */
  params: Record<string, string>;
  body: unknown;
}

export interface AdminRoute {
  method: string;
  /** Literal segments and `:name` parameters. */
  path: string;
  role: Role;
  /** Returns [status, JSON body]. Throw HttpError for 4xx; anything else thrown is a 500. */
  handle(r: AdminRequest): Promise<[number, unknown]> | [number, unknown];
}

export interface AdminServer extends http.Server {
  /** Stops the live stream too. */
  shutdown(): void;
}

const maxBody = 64 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(text);
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) {
        reject(new HttpError(413, 'body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function apiRoutes(sources: AdminSources, audit: AuditLog): { routes: AdminRoute[]; events?: EventStream } {
  const triage = new AlertTriage(sources.triageFile);
  const routes: AdminRoute[] = [
    { method: 'GET', path: '/api/me', role: 'viewer', handle: ({ caller }) => [200, { name: caller.name, role: caller.role } satisfies Me] },
    { method: 'GET', path: '/api/audit', role: 'admin', handle: () => [200, { items: audit.recent() }] },
    ...(sources.blocks ? blocksRoutes(sources.blocks, audit) : []),
    ...(sources.config ? [{ method: 'GET', path: '/api/policy', role: 'viewer' as const, handle: () => [200, policyView(sources.config!())] as [number, unknown] }] : []),
    ...validationRoutes(sources.validationDir),
  ];
  const store = sources.store;
  if (!store) return { routes };
  routes.push(...trafficRoutes(store, triage), ...alertsRoutes(store, triage, audit), ...incidentsRoutes(store, triage), ...overviewRoutes(store), ...inventoryRoutes(new RecordedInventory(store, sources.config)));
  return { routes, events: new EventStream(store, triage) };
}

function findRoute(routes: readonly AdminRoute[], method: string, path: string): { route?: AdminRoute; params?: Record<string, string>; pathKnown: boolean } {
  let pathKnown = false;
  for (const r of routes) {
    const params = matchPath(r.path, path);
    if (!params) continue;
    pathKnown = true;
    if (r.method === method) return { route: r, params, pathKnown };
  }
  return { pathKnown };
}

/**
 * The admin listener, apart from the traffic listeners: open health and metrics for probes and scrapers, the
 * dashboard at /, and the admin API under /api, where every call needs a bearer token (viewer reads, admin
 * changes) and every change is audited.
 */
export async function startAdminServer(address: string, sources: AdminSources): Promise<AdminServer> {
  const auth = new AdminAuth(sources.tokens);
  const audit = sources.audit ?? new AuditLog();
  const { routes, events } = apiRoutes(sources, audit);
  const openapi = adminOpenApi(routes);
  const uiDir = sources.uiDir ?? defaultUiDir;
  const unauthorized = () => (auth.configured ? 'a valid bearer token is required' : 'no admin tokens are configured (admin.tokens)');

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://admin');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && (path === '/healthz' || path === '/readyz')) {
      const h = sources.health();
      return send(res, h.ok ? 200 : 503, { status: h.ok ? 'ok' : 'unavailable', ...h.detail });
    }
    if (method === 'GET' && path === '/metrics') {
      sources.metrics().then(
        (m) => res.writeHead(200, { 'content-type': m.contentType }).end(m.body),
        (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${e.message}\n`),
      );
      return;
    }
    if (method === 'GET' && path === '/api/openapi.json') return send(res, 200, openapi);
    if (path === '/api/events') {
      if (method !== 'GET') return send(res, 405, { error: 'method not allowed' });
      // EventSource cannot set headers: the token may come as ?token= (only here)
      const caller = auth.caller(req) ?? auth.callerForToken(url.searchParams.get('token') ?? '');
      if (!caller) return send(res, 401, { error: unauthorized() });
      if (!events) return send(res, 404, { error: 'no traffic store is configured (store:)' });
      return events.attach(req, res);
    }
    if (!path.startsWith('/api/') && path !== '/api') {
      if (method !== 'GET' && method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      serveUi(uiDir, path, res).catch(() => send(res, 500, { error: 'cannot read the dashboard' }));
      return;
    }
    const { route, params, pathKnown } = findRoute(routes, method, path);
    if (!pathKnown) return send(res, 404, { error: sources.store || !/^\/api\/(traffic|alerts|incidents|timeline|overview|inventory)/.test(path) ? 'not found' : 'no traffic store is configured (store:)' });
    if (!route || !params) return send(res, 405, { error: 'method not allowed' });
    const caller = auth.caller(req);
    if (!caller) return send(res, 401, { error: unauthorized() });
    if (!allows(caller, route.role)) return send(res, 403, { error: `needs the ${route.role} role` });
    readJson(req)
      .then((body) => route.handle({ caller, url, params, body }))
      .then(
        ([status, body]) => send(res, status, body),
        (e: Error) => {
          if (e instanceof HttpError) return send(res, e.status, { error: e.message });
          console.error(`vigil admin: ${method} ${path}: ${e.stack ?? e.message}`);
          send(res, 500, { error: 'internal error' });
        },
      );
  });
  const { host, port } = parseListenAddress(address);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const out = server as AdminServer;
  out.shutdown = () => {
    events?.close();
    server.close();
    server.closeAllConnections();
    void sources.store?.close().catch(() => undefined);
  };
  server.on('close', () => events?.close());
  return out;
}

export function boundPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
