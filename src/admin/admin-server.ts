import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseListenAddress } from '../net/listen-address.js';

export interface AdminSources {
  /** Prometheus text exposition. */
  metrics(): Promise<{ contentType: string; body: string }>;
  health(): { ok: boolean; detail: Record<string, unknown> };
}

/** The admin listener: health and metrics, apart from the traffic listeners. */
export async function startAdminServer(address: string, sources: AdminSources): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/healthz' || path === '/readyz') {
      const h = sources.health();
      const body = JSON.stringify({ status: h.ok ? 'ok' : 'unavailable', ...h.detail });
      res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' }).end(body);
      return;
    }
    if (path === '/metrics') {
      sources.metrics().then(
        (m) => res.writeHead(200, { 'content-type': m.contentType }).end(m.body),
        (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${e.message}\n`),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404}');
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
