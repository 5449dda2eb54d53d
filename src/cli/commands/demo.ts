import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { startGateway } from '../../capture/gateway/gateway.js';
import { startAdminServer } from '../../admin/admin-server.js';
import { ConsumerSet } from '../../pipeline/consumer.js';
import { startDemoApi } from '../../demo/demo-api.js';
import { runDemoTraffic } from '../../demo/demo-traffic.js';
import { LivePrinter } from '../../demo/live-printer.js';

const examples = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples/demo');

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the gateway in front of a bundled demo API and show allowed, refused and blocked requests',
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
    const consumers = new ConsumerSet();
    consumers.add(new LivePrinter());
    const gw = await startGateway(cfg, { consumers });
    const admin = await startAdminServer(`127.0.0.1:${values['admin-port']}`, {
      metrics: async () => ({ contentType: gw.metrics.registry.contentType, body: await gw.metrics.registry.metrics() }),
      health: () => ({ ok: true, detail: {} }),
    });
    const base = `http://127.0.0.1:${gw.ports[0]}`;
    const adminPort = (admin.address() as { port: number }).port;
    console.log(`Vigil demo: gateway ${base} -> demo API http://127.0.0.1:${api.port}   (policy: examples/demo/vigil.yaml)`);
    console.log(`            metrics http://127.0.0.1:${adminPort}/metrics   decisions in ./vigil-events.jsonl`);
    await runDemoTraffic(base, secret, (line) => console.log(line));
    const stop = async () => {
      await gw.close();
      admin.close();
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
    console.log('Ctrl-C to stop.');
    return new Promise<number>((done) => {
      process.once('SIGINT', () => void stop().then(() => done(0)));
      process.once('SIGTERM', () => void stop().then(() => done(0)));
    });
  },
};
