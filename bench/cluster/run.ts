// Scale-out benchmark: gateway throughput with one and with two gateway processes sharing Redis (rate limit) and
// NATS (events), and the end-to-end event lag (published → stored in PostgreSQL by the worker).
// Usage: npm run bench:cluster [-- SECONDS]   (needs Redis, NATS and PostgreSQL on 127.0.0.1)
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEchoUpstream } from '../../test/helpers/upstream.js';
import { connectNats } from '../../src/cluster/events/nats-connection.js';
import { ExchangeWorker } from '../../src/cluster/worker/exchange-worker.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { toRecordRow } from '../../src/store/record.js';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';

const seconds = Number(process.argv[2] ?? 5);
const tag = `bench_${process.pid}`;
const stream = `VIGIL_BENCH_${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-cluster-'));
const up = await startEchoUpstream();
const config = join(dir, 'vigil.yaml');
writeFileSync(
  config,
  `workers: 1
upstreams: { api: { url: "${up.url}" } }
routes:
  - name: items
    match: { path: "/items/{id}" }
    rate_limit: { key: header:x-tenant, rate: 1000000/s, burst: 1000000 }
cluster:
  redis: redis://127.0.0.1:6379
  nats: nats://127.0.0.1:4222
  key_prefix: "${tag}:"
  stream: ${stream}
  spool_dir: ${join(dir, 'spool')}
  gateways: 2
`,
);

function startGateway(): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'gateway-child.js'), config], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        if (/engines:/.test(out)) console.log(out.split('\n').find((l) => l.includes('engines:')));
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${out}`)));
  });
}

async function load(ports: number[], durationS: number, concurrency = 32): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let done = 0;
  const end = Date.now() + durationS * 1000;
  const loop = async (port: number, n: number) => {
    while (Date.now() < end) {
      await new Promise<void>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: `/items/${n}`, agent, headers: { 'x-tenant': 't' } }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', reject);
        req.end();
      });
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(ports[i % ports.length]!, i)));
  agent.destroy();
  return done / durationS;
}

const nc = await connectNats('nats://127.0.0.1:4222', 'vigil-bench');
const store = await PostgresStore.open({ url: 'postgres://postgres@127.0.0.1:5432/test', schema: tag });
const redactor = new Redactor(compileRedactionRules(undefined));
const worker = new ExchangeWorker({ nc, stream, durable: 'bench', store, toRow: (ex) => toRecordRow(ex, redactor, { maxBodyChars: 4096, headers: true }) });
const gateways: ChildProcess[] = [];
try {
  const a = await startGateway();
  gateways.push(a.child);
  await worker.start();
  await load([a.port], 1); // warm-up
  const one = await load([a.port], seconds);
  const b = await startGateway();
  gateways.push(b.child);
  await load([a.port, b.port], 1);
  const two = await load([a.port, b.port], seconds);
  // the lag at a steady, moderate rate (not saturated): 200 req/s for 3 s
  const lagFrom = worker.stats.lagMs.length;
  await new Promise((r) => setTimeout(r, 2000));
  const steadyFrom = worker.stats.lagMs.length;
  const paced = http.globalAgent;
  for (let i = 0; i < 600; i++) {
    http.get({ host: '127.0.0.1', port: a.port, path: `/items/${i}`, agent: paced, headers: { 'x-tenant': 't' } }, (res) => res.resume());
    await new Promise((r) => setTimeout(r, 5));
  }
  const total = await store.count({});
  const until = Date.now() + 30_000;
  while ((await store.count({})) < total + 600 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  const lag = worker.stats.lagMs.slice(steadyFrom).sort((x, y) => x - y);
  const backlog = worker.stats.lagMs.slice(lagFrom, steadyFrom).sort((x, y) => x - y);
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
  console.log(`throughput, one gateway process:  ${one.toFixed(0)} req/s`);
  console.log(`throughput, two gateway processes: ${two.toFixed(0)} req/s (${(two / one).toFixed(2)}x) on ${(await import('node:os')).availableParallelism()} cores`);
  console.log(`event lag at 200 req/s (publish → stored): p50 ${pct(lag, 0.5)} ms, p99 ${pct(lag, 0.99)} ms, max ${lag[lag.length - 1]} ms (${lag.length} events)`);
  console.log(`event lag draining the saturated runs' backlog: p50 ${pct(backlog, 0.5)} ms, p99 ${pct(backlog, 0.99)} ms`);
  console.log(`stored ${await store.count({})} exchanges; worker ${JSON.stringify({ ...worker.stats, lagMs: undefined })}`);
} finally {
  for (const g of gateways) g.kill('SIGTERM');
  await worker.stop();
  await store.dropSchema();
  await store.close();
  const jsm = await nc.jetstreamManager();
  await jsm.streams.delete(stream).catch(() => undefined);
  await nc.drain();
  await up.close();
  rmSync(dir, { recursive: true, force: true });
}
