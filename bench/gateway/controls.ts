// Per-control cost on the gateway benchmark's requests, in one process (CPU time, steadier than req/s on a shared
// machine): compiles bench/gateway/vigil-bench.yaml and runs each control of the route on a GET and a 2 KB JSON POST.
// Usage: node dist/bench/gateway/controls.js [--iterations N]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { parseConfig } from '../../src/config/load.js';
import { compilePolicy } from '../../src/policy/compile.js';
import type { Exchange } from '../../src/exchange/exchange.js';
import { newDecision } from '../../src/exchange/exchange.js';
import type { Control } from '../../src/pipeline/control.js';
import { newRequestId } from '../../src/exchange/ids.js';

const root = resolve(import.meta.dirname, '../../..');
const here = join(root, 'bench/gateway');
const { values } = parseArgs({ options: { iterations: { type: 'string', default: '50000' } } });
const n = Number(values.iterations);

const secret = 'bench-secret-0123456789abcdef0123456789';
process.env.VIGIL_BENCH_JWT_SECRET = secret;
const token = await new SignJWT({ sub: 'bench-user' })
  .setProtectedHeader({ alg: 'HS256' })
  .setIssuer('https://bench.local')
  .setAudience('bench')
  .setExpirationTime('2h')
  .sign(new TextEncoder().encode(secret));
const yaml = readFileSync(join(here, 'vigil-bench.yaml'), 'utf8').replace('openapi.yaml', join(here, 'openapi.yaml')).replace('detect: { mode: off }', 'detect: {}');
const cfg = parseConfig(yaml, join(here, 'vigil-bench.yaml'));
const policy = compilePolicy(cfg);
// the body ../shared/peers/post2k.lua sends
const items = Array.from({ length: 20 }, (_, k) => {
  const i = k + 1;
  return `{"sku":"SKU-${String(i).padStart(4, '0')}","name":"Item number ${i} with a plain description","qty":${(i % 5) + 1},"price":${i * 3}.99}`;
});
const body = Buffer.from(`{"customer":{"id":12345,"name":"Anna Smith","email":"anna@example.com"},"items":[${items.join(',')}],"note":"Leave at the door, please."}`);

function exchange(method: 'GET' | 'POST'): Exchange {
  const url = '/api/orders/12345?expand=items&page=2';
  const headers: Record<string, string> = { host: '127.0.0.1:18085', authorization: `Bearer ${token}`, 'user-agent': 'wrk' };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(body.length);
  }
  const hit = policy.routes.match('127.0.0.1:18085', method, '/api/orders/12345');
  return {
    id: newRequestId(Date.now()),
    source: 'gateway',
    client: { ip: '127.0.0.1', peerIp: '127.0.0.1', forwardedFor: [] },
    request: { method, url, path: '/api/orders/12345', query: 'expand=items&page=2', host: '127.0.0.1:18085', scheme: 'http', httpVersion: '1.1', headers, bodySize: method === 'POST' ? body.length : 0, bodyTruncated: false, body: method === 'POST' ? body : undefined },
    route: { name: hit?.value.name, template: hit?.template, params: hit?.params ?? {} },
    findings: [],
    decision: newDecision(),
    timings: { start: Date.now() },
  };
}

async function cost(method: 'GET' | 'POST', control: Control): Promise<number> {
  for (let i = 0; i < Math.min(2000, n); i++) await control.check(exchange(method));
  // exchanges are made as they are checked and dropped after, as in the gateway: holding n of them with their parsed
  // bodies made the measurement mostly garbage collection of a large heap
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const r = control.check(exchange(method));
    if (r instanceof Promise) await r;
  }
  const t = process.cpuUsage(t0);
  const t1 = process.cpuUsage();
  for (let i = 0; i < n; i++) exchange(method);
  const made = process.cpuUsage(t1);
  return (t.user + t.system - made.user - made.system) / n;
}

const route = policy.routes.match('127.0.0.1:18085', 'GET', '/api/orders/12345')!.value;
console.log(`per-control CPU µs per request, ${n} iterations (fresh exchange each, its making subtracted: body parse included where a control needs it)`);
for (const method of ['GET', 'POST'] as const) {
  let total = 0;
  for (const c of [...route.headerControls, ...route.bodyControls]) {
    const us = await cost(method, c);
    total += us;
    console.log(`${method.padEnd(5)} ${c.id.padEnd(12)} ${us.toFixed(2).padStart(7)} µs`);
  }
  console.log(`${method.padEnd(5)} ${'all'.padEnd(12)} ${total.toFixed(2).padStart(7)} µs`);
}
