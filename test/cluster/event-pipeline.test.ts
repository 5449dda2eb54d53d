import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { NatsConnection } from 'nats';
import { startTestGateway } from '../helpers/gateway.js';
import { startEchoUpstream, type EchoUpstream } from '../helpers/upstream.js';
import { tempDir } from '../helpers/temp.js';
import { makeExchange } from '../helpers/exchange.js';
import { ConsumerSet } from '../../src/pipeline/consumer.js';
import { NatsExchangePublisher } from '../../src/cluster/events/nats-publisher.js';
import { connectNats } from '../../src/cluster/events/nats-connection.js';
import { ExchangeWorker } from '../../src/cluster/worker/exchange-worker.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { toRecordRow } from '../../src/store/record.js';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';
import { NATS_URL, POSTGRES_URL, requireService, runId } from './helpers/services.js';
import { TcpProxy } from './helpers/tcp-proxy.js';

let up: EchoUpstream;
let nc: NatsConnection;
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const redactor = new Redactor(compileRedactionRules(undefined));

before(async () => {
  await requireService('nats');
  await requireService('postgres');
  up = await startEchoUpstream();
  nc = await connectNats(NATS_URL, 'vigil-test');
});
after(async () => {
  agent.destroy();
  await nc.drain();
  await up.close();
});

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function cleanupStream(stream: string): Promise<void> {
  const jsm = await nc.jetstreamManager();
  await jsm.streams.delete(stream).catch(() => undefined);
}

test('every exchange of a load run is stored exactly once through NATS, the worker and PostgreSQL, across a NATS outage', async () => {
  const stream = runId('VIGIL_E2E');
  const spool = tempDir('vigil-spool-');
  const proxy = new TcpProxy(4222);
  await proxy.up();
  const publisher = new NatsExchangePublisher({ url: `nats://${proxy.url}`, stream, spoolDir: spool.dir, ackTimeoutMs: 1000 });
  const store = await PostgresStore.open({ url: POSTGRES_URL, schema: runId('e2e') });
  const worker = new ExchangeWorker({ nc, stream, durable: 'vigil-store', store, toRow: (ex) => toRecordRow(ex, redactor, { maxBodyChars: 256, headers: true }) });
  const consumers = new ConsumerSet();
  consumers.add(publisher);
  const gw = await startTestGateway(`upstreams: { api: { url: "${up.url}" } }\nroutes:\n  - name: items\n    match: { path: "/items/{id}" }\n`, { consumers });
  try {
    await publisher.ready();
    await worker.start();
    const load = async (from: number, count: number) => {
      for (let i = from; i < from + count; i += 10)
        for (const s of await Promise.all(Array.from({ length: 10 }, (_, j) => get(gw.port, `/items/${i + j}`)))) assert.equal(s, 200);
    };
    await load(0, 150);
    // NATS unreachable mid-run: events go to the spool, no request waits on it
    await proxy.down();
    const t = Date.now();
    await load(150, 150);
    const outageMs = Date.now() - t;
    await gw.collected.settle(300);
    await waitFor(() => publisher.unsettled === 0, 5000);
    assert.ok(publisher.stats.spooled > 0, 'events were spooled during the outage');
    const spooled = publisher.stats.spooled;
    await proxy.up();
    await load(300, 150);
    await gw.collected.settle(450);
    const sent = gw.collected.exchanges.map((e) => e.id);
    assert.equal(new Set(sent).size, 450);

    const complete = await waitFor(async () => (await store.count({})) >= 450, 15_000);
    assert.ok(complete, `stored ${await store.count({})} of 450`);
    // the last replayed batch can be stored before the publisher marks its spool done
    assert.ok(await waitFor(() => !publisher.spooling, 5000), 'the spool was replayed');
    const stored = (await store.find({}, { limit: 1000, order: 'asc' })).map((r) => r.id);
    assert.equal(stored.length, 450, 'exactly once');
    assert.deepEqual(new Set(stored), new Set(sent));
    const lag = worker.stats.lagMs.slice(-150).sort((a, b) => a - b);
    console.log(
      `# e2e: 450 exchanges, ${spooled} spooled during a ${outageMs} ms outage, ${publisher.stats.replayed} replayed, ${publisher.stats.duplicates} of them already stored (deduplicated); ` +
        `lag after recovery p50 ${lag[Math.floor(lag.length / 2)]} ms p99 ${lag[Math.floor(lag.length * 0.99)]} ms; worker ${JSON.stringify({ ...worker.stats, lagMs: undefined })}`,
    );

    // a re-publish (a replay after a crash) is deduplicated by JetStream and ignored by the store
    const duplicates = publisher.stats.duplicates;
    for (const ex of gw.collected.exchanges.slice(0, 40)) publisher.consume(ex);
    await waitFor(() => publisher.stats.duplicates >= duplicates + 40, 5000);
    assert.equal(publisher.stats.duplicates, duplicates + 40);
    assert.equal(await store.count({}), 450);
  } finally {
    await gw.close();
    await worker.stop();
    await store.dropSchema();
    await store.close();
    await proxy.down();
    await cleanupStream(stream);
    spool.cleanup();
  }
});

test('events spooled while NATS was never reachable survive the publisher and are published by the next one', async () => {
  const stream = runId('VIGIL_SPOOL');
  const spool = tempDir('vigil-spool-');
  const proxy = new TcpProxy(4222);
  await proxy.up();
  await proxy.down(); // a port where nothing listens
  const first = new NatsExchangePublisher({ url: `nats://${proxy.url}`, stream, spoolDir: spool.dir });
  const ids: string[] = [];
  for (let i = 0; i < 25; i++) {
    const ex = makeExchange({ body: 'x'.repeat(100) });
    ids.push(ex.id);
    first.consume(ex);
  }
  assert.equal(first.stats.spooled, 25);
  await first.close();

  await proxy.up();
  const second = new NatsExchangePublisher({ url: `nats://${proxy.url}`, stream, spoolDir: spool.dir });
  const store = await PostgresStore.open({ url: POSTGRES_URL, schema: runId('spool') });
  const worker = new ExchangeWorker({ nc, stream, durable: 'w', store, toRow: (ex) => toRecordRow(ex, redactor, { maxBodyChars: 256, headers: true }) });
  try {
    await second.ready();
    await worker.start();
    assert.ok(await waitFor(async () => (await store.count({})) === 25, 10_000), 'replayed into the store');
    assert.equal(second.stats.replayed, 25);
    const rows = await store.find({}, { limit: 100, order: 'asc' });
    assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(ids));
    assert.equal(rows[0]!.req_body, 'x'.repeat(100), 'bodies travel base64 and are stored redacted as text');
  } finally {
    await second.close();
    await worker.stop();
    await store.dropSchema();
    await store.close();
    await proxy.down();
    await cleanupStream(stream);
    spool.cleanup();
  }
});
