import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { Redis } from 'ioredis';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { startEchoUpstream, type EchoUpstream } from '../helpers/upstream.js';
import { createRedisClient } from '../../src/cluster/redis/redis-client.js';
import { RedisLimiter } from '../../src/cluster/redis/redis-limiter.js';
import { LeasedLimiter } from '../../src/policy/ratelimit/limiter.js';
import { REDIS_URL, requireService, runId } from './helpers/services.js';
import { TcpProxy } from './helpers/tcp-proxy.js';

let up: EchoUpstream;
const clients: Redis[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

before(async () => {
  await requireService('redis');
  up = await startEchoUpstream();
});
after(async () => {
  agent.destroy();
  for (const c of clients) c.disconnect();
  await up.close();
});

function policy(rate: string, burst: number): string {
  return `
upstreams: { api: { url: "${up.url}" } }
routes:
  - name: limited
    match: { path: /limited }
    rate_limit: { key: header:x-tenant, rate: ${rate}, burst: ${burst} }
`;
}

function get(port: number, tenant: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/limited', agent, headers: { 'x-tenant': tenant } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const limiters: RedisLimiter[] = [];
function limiterFor(url: string, prefix: string, gateways = 3): RedisLimiter {
  const client = createRedisClient(url);
  clients.push(client);
  const limiter = new RedisLimiter(client, { prefix, gateways });
  limiters.push(limiter);
  return limiter;
}

async function ready(c: Redis): Promise<void> {
  while (c.status !== 'ready') await new Promise((r) => setTimeout(r, 10));
}

test('a rate limit is global across three gateway instances sharing one Redis (within 5%)', async () => {
  const prefix = `${runId('rl')}:`;
  // modest, so that even a starved 2-core machine keeps the load well above the limit throughout
  const rate = 50;
  const burst = 20;
  const gateways: TestGateway[] = [];
  for (let i = 0; i < 3; i++) gateways.push(await startTestGateway(policy(`${rate}/s`, burst), { limiter: limiterFor(REDIS_URL, prefix) }));
  for (const c of clients) await ready(c);
  try {
    // ~3x the limit, spread evenly: each instance gets a third of the requests
    const tenant = 'acme';
    let allowed = 0;
    let refused = 0;
    const first = Date.now();
    let last = first;
    // each instance serves its own client loop (a third of the load), four requests in flight per loop
    const loop = async (port: number) => {
      while (Date.now() - first < 3000) {
        for (const s of await Promise.all(Array.from({ length: 4 }, () => get(port, tenant)))) {
          if (s === 200) allowed++;
          else if (s === 429) refused++;
          else assert.fail(`unexpected status ${s}`);
        }
        last = Math.max(last, Date.now());
      }
    };
    await Promise.all(gateways.map((g) => loop(g.port)));
    const expected = burst + (rate * (last - first)) / 1000;
    const error = Math.abs(allowed - expected) / expected;
    console.log(`# shared rate limit: ${allowed} allowed, ${refused} refused over ${last - first} ms; expected ${expected.toFixed(1)}; error ${(error * 100).toFixed(2)}%; ${JSON.stringify(limiters.map((l) => l.stats))}`);
    assert.ok(refused > allowed, 'the load exceeds the limit');
    assert.ok(error <= 0.05, `allowed ${allowed}, expected ${expected.toFixed(1)} (error ${(error * 100).toFixed(1)}%)`);
  } finally {
    for (const g of gateways) await g.close();
  }
});

test('Redis unreachable: no request waits, local buckets take over, the shared bucket returns with Redis', async () => {
  const prefix = `${runId('rlf')}:`;
  const proxy = new TcpProxy(6379);
  await proxy.up();
  const limiter = limiterFor(`redis://${proxy.url}`, prefix, 2);
  await ready(clients[clients.length - 1]!);
  const spec = { rate: 1, burst: 10 };
  const timed = async () => {
    const t = process.hrtime.bigint();
    const g = await limiter.take('k', spec);
    return { granted: g.granted, ms: Number(process.hrtime.bigint() - t) / 1e6 };
  };
  // shared: the first three come from Redis
  for (let i = 0; i < 3; i++) assert.equal((await timed()).granted, 1);
  assert.equal(limiter.degraded, false);

  // a hung server: the command times out (50 ms), then decisions are local with half of the limit (2 gateways)
  proxy.stall();
  const stalled = await timed();
  assert.ok(stalled.ms < 120, `a stalled Redis held a request ${stalled.ms.toFixed(0)} ms`);
  assert.equal(limiter.degraded, true);
  // Redis gone: nothing waits at all
  await proxy.down();
  let localGranted = stalled.granted;
  let slowest = 0;
  for (let i = 0; i < 20; i++) {
    const r = await timed();
    localGranted += r.granted;
    slowest = Math.max(slowest, r.ms);
  }
  console.log(`# Redis down: slowest decision ${slowest.toFixed(2)} ms; ${localGranted} admitted locally (share 5 of burst 10)`);
  assert.ok(slowest < 60, `slowest decision while Redis was down: ${slowest} ms`);
  assert.equal(localGranted, 5);

  // Redis back on the same address: the client reconnects and the shared bucket decides again
  await proxy.up();
  const until = Date.now() + 5000;
  while (limiter.degraded && Date.now() < until) {
    await limiter.take('probe', spec);
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(limiter.degraded, false, 'resynchronised with Redis');
  // the shared bucket kept its own count (10 - 3 taken, plus what refilled at 1/s) and was charged the 5 admitted locally
  let shared = 0;
  for (let i = 0; i < 12; i++) shared += (await limiter.take('k', spec)).granted;
  assert.ok(shared >= 2 && shared <= 5, `shared bucket granted ${shared}`);
  await proxy.down();
});

test('Redis unreachable: a key already held at its shared limit gets no fresh local burst', async () => {
  const prefix = `${runId('rlx')}:`;
  const proxy = new TcpProxy(6379);
  await proxy.up();
  const limiter = limiterFor(`redis://${proxy.url}`, prefix, 2);
  await ready(clients[clients.length - 1]!);
  const spec = { rate: 0.5, burst: 10 };
  let shared = 0;
  for (let i = 0; i < 12; i++) shared += (await limiter.take('attacker', spec)).granted;
  assert.equal(shared, 10, 'the shared bucket emptied');
  await proxy.down();
  let local = 0;
  for (let i = 0; i < 20; i++) local += (await limiter.take('attacker', spec)).granted;
  // a key seen with room left still gets its share (5 of 10) locally
  let fresh = 0;
  for (let i = 0; i < 20; i++) fresh += (await limiter.take('someone-else', spec)).granted;
  assert.equal(limiter.degraded, true);
  assert.ok(local <= 1, `${local} admitted locally for a key at its limit (its share would be 5)`);
  assert.equal(fresh, 5);
});

test('leased from Redis in batches: three instances never exceed the shared bucket and ask Redis rarely', async () => {
  const prefix = `${runId('lease')}:`;
  const shared = [0, 1, 2].map(() => limiterFor(REDIS_URL, prefix));
  for (const c of clients.slice(-3)) await ready(c);
  const leased = shared.map((s) => new LeasedLimiter((key, spec, want) => Promise.resolve(s.takeMany(key, spec, want)), 3));
  const spec = { rate: 0.001, burst: 600 };
  const results = await Promise.all(Array.from({ length: 1800 }, (_, i) => leased[i % 3]!.take('tenant-a', spec)));
  const granted = results.filter((g) => g.granted === 1).length;
  const roundTrips = shared.reduce((n, s) => n + s.stats.shared, 0);
  console.log(`# leased: ${granted} of 1800 admitted (bucket 600), ${roundTrips} Redis round trips`);
  assert.ok(granted <= 600, `admitted ${granted}`);
  assert.ok(granted >= 600 - 3 * 50, `admitted ${granted}: at most a lease per instance may sit unused`);
  assert.ok(roundTrips < 120, `${roundTrips} round trips for 1800 requests`);
});
