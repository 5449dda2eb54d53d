import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from 'nats';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { startEchoUpstream, type EchoUpstream } from '../helpers/upstream.js';
import { request } from '../helpers/http.js';
import { tempDir } from '../helpers/temp.js';
import { ConsumerSet } from '../../src/pipeline/consumer.js';
import { NatsExchangePublisher } from '../../src/cluster/events/nats-publisher.js';
import { connectNats } from '../../src/cluster/events/nats-connection.js';
import { AnalysisWorker } from '../../src/cluster/worker/analysis-worker.js';
import { createRedisClient } from '../../src/cluster/redis/redis-client.js';
import { parseConfig } from '../../src/config/load.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Alert } from '../../src/alerts/alert.js';
import { NATS_URL, POSTGRES_URL, REDIS_URL, requireService, runId } from './helpers/services.js';
import { waitFor } from './helpers/load.js';

let up: EchoUpstream;
let nc: NatsConnection;

before(async () => {
  await requireService('nats');
  await requireService('postgres');
  await requireService('redis');
  up = await startEchoUpstream();
  nc = await connectNats(NATS_URL, 'vigil-test');
});
after(async () => {
  await nc.drain();
  await up.close();
});

interface Fleet {
  gateways: TestGateway[];
  publishers: NatsExchangePublisher[];
  close(): Promise<void>;
}

/** Gateway instances, each publishing to the stream with its own publisher (as separate machines would). */
async function fleet(n: number, stream: string, spool: string): Promise<Fleet> {
  const gateways: TestGateway[] = [];
  const publishers: NatsExchangePublisher[] = [];
  for (let i = 0; i < n; i++) {
    const publisher = new NatsExchangePublisher({ url: NATS_URL, stream, spoolDir: join(spool, `g${i}`) });
    await publisher.ready();
    const consumers = new ConsumerSet();
    consumers.add(publisher);
    publishers.push(publisher);
    gateways.push(
      await startTestGateway(
        `upstreams: { api: { url: "${up.url}" } }\nroutes:\n  - name: login\n    match: { path: /api/login }\n  - name: search\n    match: { path: /search }\n`,
        { consumers },
      ),
    );
  }
  return {
    gateways,
    publishers,
    async close() {
      await Promise.all(gateways.map((g) => g.close()));
    },
  };
}

/** Failed logins for one account, spread evenly over the gateways (each sees `perGateway`). */
async function bruteForce(f: Fleet, account: string, perGateway: number): Promise<void> {
  for (let i = 0; i < perGateway; i++)
    for (const g of f.gateways) {
      const r = await request(g.port, '/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-echo-status': '401' },
        body: JSON.stringify({ username: account, password: `guess-${i}` }),
      });
      assert.equal(r.status, 401);
    }
}

const bruteAlerts = (alerts: Alert[], account: string) => alerts.filter((a) => a.rule === 'brute-force-account' && JSON.stringify(a).includes(account));

test('behaviour counters are global: a brute force spread over three gateways (10 failures each, threshold 15) raises one alert; a detection finding one alert', async () => {
  const stream = runId('VIGIL_ANALYSIS');
  const schema = runId('analysis');
  const spool = tempDir('vigil-spool-');
  const store = await PostgresStore.open({ url: POSTGRES_URL, schema });
  const redis = createRedisClient(REDIS_URL, { commandTimeoutMs: 1000 });
  const cfg = parseConfig(`upstreams: { api: { url: "${up.url}" } }\nbehaviour: {}\n`, 'worker.yaml');
  const f = await fleet(3, stream, spool.dir);
  // two analysis workers: one leads, the other stands by
  const workers = [0, 1].map(() => new AnalysisWorker({ nc, stream, store, cfg, redis, leaseKey: `${stream}:analysis`, leaseMs: 1500 }));
  try {
    for (const w of workers) await w.start();
    assert.ok(await waitFor(() => workers.some((w) => w.leading), 5000), 'a leader is elected');
    await bruteForce(f, 'alice', 10);
    const attack = await request(f.gateways[1]!.port, `/search?q=${encodeURIComponent("1' UNION SELECT username, password FROM users--")}`);
    const ex = f.gateways[1]!.collected.last();
    assert.ok(ex.decision.reasons.some((r) => r.control.startsWith('detect')), `the gateway's detection flagged it (status ${attack.status})`);

    const both = async () => {
      const alerts = await store.findAlerts({ limit: 100 });
      return bruteAlerts(alerts, 'alice').length > 0 && alerts.some((a) => a.control.startsWith('detect'));
    };
    assert.ok(await waitFor(both, 10_000), `alerts stored: ${JSON.stringify(workers.map((w) => w.stats))} ${JSON.stringify((await store.findAlerts({ limit: 100 })).map((a) => [a.rule, a.control, a.count]))}`);
    await new Promise((r) => setTimeout(r, 1500)); // updates and any duplicate would land by now
    const alerts = await store.findAlerts({ limit: 100 });
    const brute = bruteAlerts(alerts, 'alice');
    assert.equal(brute.length, 1, 'one brute-force alert');
    assert.ok(brute[0]!.count >= 15, `counted across gateways (${brute[0]!.count})`);
    assert.equal(alerts.filter((a) => a.control.startsWith('detect')).length, 1, 'one alert for the detection finding');
    assert.equal(workers.filter((w) => w.leading).length, 1, 'exactly one worker analyses');
    assert.equal(workers.reduce((n, w) => n + w.stats.analysed, 0), 31, 'each exchange analysed once');
  } finally {
    await f.close();
    for (const w of workers) await w.stop();
    redis.disconnect();
    await store.dropSchema();
    await store.close();
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
    spool.cleanup();
  }
});

function startWorker(config: string): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const child = spawn(process.execPath, ['bin/vigil.js', 'worker', '-c', config, '--lease-ms', '1500'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('analysis: standing by')) resolve();
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`vigil worker exited (${code}): ${out}`)));
  });
  return { child, output: () => out, ready };
}

test('the analysis leader killed (SIGKILL): the standby takes over, alerts continue, none duplicated', async () => {
  const stream = runId('VIGIL_FAILOVER');
  const schema = runId('failover');
  const dir = tempDir('vigil-failover-');
  const config = join(dir.dir, 'vigil.yaml');
  writeFileSync(
    config,
    `upstreams: { api: { url: "${up.url}" } }\nbehaviour: {}\ncluster:\n  redis: ${REDIS_URL}\n  nats: ${NATS_URL}\n  postgres: ${POSTGRES_URL}\n  postgres_schema: ${schema}\n  stream: ${stream}\n  key_prefix: "${stream}:"\n`,
  );
  const store = await PostgresStore.open({ url: POSTGRES_URL, schema });
  const f = await fleet(3, stream, join(dir.dir, 'spool'));
  const workers = [startWorker(config), startWorker(config)];
  try {
    await Promise.all(workers.map((w) => w.ready));
    assert.ok(await waitFor(() => workers.some((w) => w.output().includes('analysis: leading')), 5000), 'a leader is elected');
    const leader = workers.find((w) => w.output().includes('analysis: leading'))!;
    const standby = workers.find((w) => w !== leader)!;

    await bruteForce(f, 'alice', 10);
    assert.ok(await waitFor(async () => bruteAlerts(await store.findAlerts({ limit: 100 }), 'alice').length > 0, 10_000), 'the leader raised it');
    leader.child.kill('SIGKILL');
    await bruteForce(f, 'bob', 10);
    assert.ok(await waitFor(async () => bruteAlerts(await store.findAlerts({ limit: 100 }), 'bob').length > 0, 15_000), 'the standby raised the next one');
    assert.match(standby.output(), /analysis: leading/);
    await new Promise((r) => setTimeout(r, 1500));
    const alerts = await store.findAlerts({ limit: 100 });
    assert.equal(bruteAlerts(alerts, 'alice').length, 1, 'alice: one alert, not raised again by the new leader');
    assert.equal(bruteAlerts(alerts, 'bob').length, 1, 'bob: one alert');
  } finally {
    for (const w of workers) w.child.kill('SIGKILL');
    await f.close();
    await store.dropSchema();
    await store.close();
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
    dir.cleanup();
  }
});
