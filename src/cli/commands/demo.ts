import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { loadConfig, normaliseStore } from '../../config/load.js';
import { adminDataSources } from '../../admin/data-sources.js';
import { startGateway } from '../../capture/gateway/gateway.js';
import { startAdminServer } from '../../admin/admin-server.js';
import { ConsumerSet } from '../../pipeline/consumer.js';
import { startDemoApi } from '../../demo/demo-api.js';
import { runDemoTraffic } from '../../demo/demo-traffic.js';
import { LivePrinter } from '../../demo/live-printer.js';

const examples = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples/demo');

export const demoCommand: Command = {
  name: 'demo',
  usage: `Usage: vigil demo [--port 8080] [--api-port 3001] [--admin-port 9090] [--once]

Starts the demo shop API, puts the gateway with examples/demo/vigil.yaml in front of it, sends a scripted walk
through the policy, prints every decision live, and keeps serving so you can send your own requests.
  --once   exit after the scripted traffic (for CI)`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '8080' },
        'api-port': { type: 'string', default: '3001' },
        'admin-port': { type: 'string', default: '9090' },
        once: { type: 'boolean', default: false },
      },
    });
    process.env.VIGIL_DEMO_JWT_SECRET ??= randomBytes(32).toString('hex');
    const secret = process.env.VIGIL_DEMO_JWT_SECRET;
    const api = await startDemoApi(Number(values['api-port']), secret);
    const cfg = loadConfig(resolve(examples, 'vigil.yaml'));
    cfg.listen = [{ address: `127.0.0.1:${values.port}` }];
    cfg.upstreams.shop!.url = `http://127.0.0.1:${api.port}`;
    cfg.events = { file: resolve(process.cwd(), 'vigil-events.jsonl') };
    // record the traffic for the dashboard, and give it a fresh admin token
    cfg.store = normaliseStore({ path: resolve(process.cwd(), 'vigil-data/demo.db') });
    const adminToken = process.env.VIGIL_DEMO_ADMIN_TOKEN ?? randomBytes(18).toString('base64url');
    cfg.admin = { address: `127.0.0.1:${values['admin-port']}`, tokens: [{ name: 'demo-admin', role: 'admin', sha256: createHash('sha256').update(adminToken).digest('hex') }] };
    const consumers = new ConsumerSet();
    consumers.add(new LivePrinter());
    const gw = await startGateway(cfg, { consumers });
    const admin = await startAdminServer(cfg.admin.address, {
      metrics: async () => ({ contentType: gw.metrics.registry.contentType, body: await gw.metrics.registry.metrics() }),
      health: () => ({ ok: true, detail: {} }),
      blocks: gw.blocks,
      tokens: cfg.admin.tokens,
      ...adminDataSources(() => cfg),
    });
    const base = `http://127.0.0.1:${gw.ports[0]}`;
    const adminPort = (admin.address() as { port: number }).port;
    console.log(`Vigil demo: gateway ${base} -> demo API http://127.0.0.1:${api.port}   (policy: examples/demo/vigil.yaml)`);
    console.log(`            metrics http://127.0.0.1:${adminPort}/metrics   decisions in ./vigil-events.jsonl`);
    console.log(`Dashboard:  http://127.0.0.1:${adminPort}/   admin token: ${adminToken}`);
    await runDemoTraffic(base, secret, (line) => console.log(line));
    let stopAttacker = () => {};
    const stop = async () => {
      stopAttacker();
      await gw.close();
      admin.shutdown();
      await api.close();
    };
    if (values.once) {
      await stop();
      return 0;
    }
    console.log(`\nPoint a client at ${base}, for example:`);
    console.log(`  curl -s '${base}/api/products?q=lamp'`);
    console.log(`  curl -s '${base}/api/products?q=%27%20OR%201=1--'`);
    console.log(`  curl -s -X POST ${base}/api/login -H 'content-type: application/json' -d '{"username":"alice","password":"wonderland"}'`);
    stopAttacker = startDemoAttacker(gw.ports[0]!);
    console.log(`\nAn attacker at ${ATTACKER} now probes the API every few seconds: watch it on the dashboard's Live page,`);
    console.log('follow its alert and block it for an hour.');
    console.log('Ctrl-C to stop.');
    return new Promise<number>((done) => {
      process.once('SIGINT', () => void stop().then(() => done(0)));
      process.once('SIGTERM', () => void stop().then(() => done(0)));
    });
  },
};

/** A distinct client (its own loopback address) that keeps sending attacks, for the dashboard to show and block. */
const ATTACKER = '127.0.0.66';
const PROBES = [
  `/api/products?q=${encodeURIComponent("1' OR '1'='1")}`,
  `/api/products?q=${encodeURIComponent("x' UNION SELECT card_number FROM payments--")}`,
  `/api/products/${encodeURIComponent('../../etc/passwd')}`,
  `/api/products?q=${encodeURIComponent('<script>alert(1)</script>')}`,
];

function startDemoAttacker(port: number, everyMs = 4000): () => void {
  let i = 0;
  let warned = false;
  const timer = setInterval(() => {
    const path = PROBES[i++ % PROBES.length]!;
    const req = http.request({ host: '127.0.0.1', port, path, localAddress: ATTACKER, headers: { 'user-agent': 'sqlmap/1.8' } }, (res) => res.resume());
    req.on('error', (e) => {
      if (!warned) console.log(`(the demo attacker cannot use ${ATTACKER}: ${e.message})`);
      warned = true;
    });
    req.end();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
