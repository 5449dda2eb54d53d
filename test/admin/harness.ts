import { createHash } from 'node:crypto';
import { parseConfig } from '../../src/config/load.js';
import { runGateway, type GatewayProcess } from '../../src/capture/gateway/cluster.js';
import { startEchoUpstream, type EchoUpstream } from '../helpers/upstream.js';
import { tempDir } from '../helpers/temp.js';
import { request, type Reply } from '../helpers/http.js';

// A real gateway (runGateway, single process) recording into a real store, with the admin listener and two tokens,
// filled by real traffic: an ordinary client on 127.0.0.1 and an attacker on its own address.

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
export const VIEWER_TOKEN = 'viewer-token-for-tests-0123456789';
export const JWT_SECRET = 'jwt-secret-never-shown-9f8e7d';
export const ATTACKER = '127.0.0.77';
export const CLIENT_SECRET = 'Bearer client-secret-token-abcdef';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

export interface Harness {
  gw: GatewayProcess;
  port: number;
  adminPort: number;
  api(path: string, o?: { token?: string | null; method?: string; body?: unknown }): Promise<Reply>;
  /** Waits until the store holds at least `n` exchanges. */
  recorded(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const { dir, cleanup } = tempDir('vigil-admin-');
  const upstream: EchoUpstream = await startEchoUpstream();
  const cfg = parseConfig(
    `listen: 127.0.0.1:0
admin:
  address: 127.0.0.1:0
  tokens:
    - { name: ops, role: admin, sha256: ${sha(ADMIN_TOKEN)} }
    - { name: intern, role: viewer, sha256: ${sha(VIEWER_TOKEN)} }
workers: 1
upstreams: { app: { url: "http://127.0.0.1:${upstream.port}" } }
auth: { jwt: { main: { secret: "${JWT_SECRET}", algorithms: [HS256] } } }
store: { path: data/v.db }
unmatched: allow
routes:
  - name: products
    match: { path: /api/products, methods: [GET] }
  - name: reviews
    match: { path: /api/reviews, methods: [POST] }
    mode: monitor
`,
    'test.yaml',
  );
  cfg.baseDir = dir;
  const gw = await runGateway(cfg, undefined, () => undefined);
  const port = gw.ports[0]!;
  const adminPort = gw.adminPort!;
  const api: Harness['api'] = (path, o = {}) => {
    const token = o.token === undefined ? ADMIN_TOKEN : o.token;
    return request(adminPort, path, {
      method: o.method ?? 'GET',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
  };
  return {
    gw,
    port,
    adminPort,
    api,
    async recorded(n) {
      const until = Date.now() + 10_000;
      for (;;) {
        const r = await api('/api/traffic?limit=1');
        if (r.status === 200 && r.json<{ total: number }>().total >= n) return;
        if (Date.now() > until) throw new Error(`the store did not reach ${n} exchanges`);
        await new Promise((res) => setTimeout(res, 50));
      }
    },
    async close() {
      await gw.stop();
      await upstream.close();
      cleanup();
    },
  };
}

/** Ordinary traffic from 127.0.0.1 and an attack from ATTACKER: 6 allowed, 3 blocked (SQLi), 1 would-block (XSS). */
export async function sendTraffic(port: number): Promise<void> {
  for (const q of ['lamp', 'chair', 'desk', 'table', 'sofa']) await request(port, `/api/products?q=${q}`, { headers: { authorization: CLIENT_SECRET } });
  await request(port, '/api/reviews', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"nice lamp"}' });
  for (const q of ["1' OR '1'='1", "x' UNION SELECT username, password FROM users--", "1; DROP TABLE users--"])
    await request(port, `/api/products?q=${encodeURIComponent(q)}`, { localAddress: ATTACKER });
  await request(port, '/api/reviews', { method: 'POST', localAddress: ATTACKER, headers: { 'content-type': 'application/json' }, body: '{"text":"<script>alert(document.cookie)</script>"}' });
}

export const attack = (port: number): Promise<Reply> => request(port, `/api/products?q=${encodeURIComponent("2' OR '2'='2")}`, { localAddress: ATTACKER });
export const ordinary = (port: number): Promise<Reply> => request(port, '/api/products?q=lamp');
