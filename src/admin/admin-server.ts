import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseListenAddress } from '../net/listen-address.js';
import type { RuntimeBlocks } from '../policy/blocks/runtime-blocks.js';
import type { AdminToken } from '../config/types.js';
import { AdminAuth, allows, type Caller, type Role } from './admin-auth.js';
import { blocksRoutes } from './blocks-api.js';
import { AuditLog } from './audit-log.js';

export interface AdminSources {
  /** Prometheus text exposition. */
  metrics(): Promise<{ contentType: string; body: string }>;
  health(): { ok: boolean; detail: Record<string, unknown> };
  blocks?: RuntimeBlocks;
  tokens?: readonly AdminToken[];
}

export interface AdminRequest {
  caller: Caller;
  url: URL;
  body: unknown;
}

export interface AdminRoute {
  method: string;
  path: string;
  role: Role;
  /** Returns [status, JSON body]. */
  handle(r: AdminRequest): Promise<[number, unknown]> | [number, unknown];
}

const maxBody = 64 * 1024;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(text);
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

/**
 * The admin listener, apart from the traffic listeners: open health and metrics for probes and scrapers, and the
 * admin API under /api, where every call needs a bearer token (viewer reads, admin changes) and every change is
 * audited.
 */
export async function startAdminServer(address: string, sources: AdminSources): Promise<http.Server> {
  const auth = new AdminAuth(sources.tokens);
  const audit = new AuditLog();
  const routes: AdminRoute[] = [
    { method: 'GET', path: '/api/audit', role: 'admin', handle: () => [200, { items: audit.recent() }] },
    ...(sources.blocks ? blocksRoutes(sources.blocks, audit) : []),
  ];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://admin');
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/healthz' || path === '/readyz')) {
      const h = sources.health();
      return send(res, h.ok ? 200 : 503, { status: h.ok ? 'ok' : 'unavailable', ...h.detail });
    }
    if (req.method === 'GET' && path === '/metrics') {
      sources.metrics().then(
        (m) => res.writeHead(200, { 'content-type': m.contentType }).end(m.body),
        (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${e.message}\n`),
      );
      return;
    }
    const candidates = routes.filter((r) => r.path === path);
    if (candidates.length === 0) return send(res, 404, { error: 'not found' });
    const route = candidates.find((r) => r.method === req.method);
    if (!route) return send(res, 405, { error: 'method not allowed' });
    const caller = auth.caller(req);
    if (!caller) return send(res, 401, { error: auth.configured ? 'a valid bearer token is required' : 'no admin tokens are configured (admin.tokens)' });
    if (!allows(caller, route.role)) return send(res, 403, { error: `needs the ${route.role} role` });
    readJson(req)
      .then((body) => route.handle({ caller, url, body }))
      .then(
        ([status, body]) => send(res, status, body),
        (e: Error) => send(res, 400, { error: e.message }),
      );
  });
  const { host, port } = parseListenAddress(address);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

export function boundPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
