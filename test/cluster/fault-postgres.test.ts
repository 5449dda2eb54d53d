import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { NatsConnection } from 'nats';
import { startTestGateway } from '../helpers/gateway.js';
import { startEchoUpstream, type EchoUpstream } from '../helpers/upstream.js';
import { tempDir } from '../helpers/temp.js';
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
import { burst, percentile, waitFor } from './helpers/load.js';

let up: EchoUpstream;
let nc: NatsConnection;
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

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

test('PostgreSQL stalled, then down, mid-load: gateway latency unaffected, backlog held in JetStream, every exchange stored once after it returns', async () => {
  const stream = runId('VIGIL_PGFAULT');
  const schema = runId('pgfault');
  const spool = tempDir('vigil-spool-');
  const pgProxy = new TcpProxy(5432);
  await pgProxy.up();
  const direct = await PostgresStore.open({ url: POSTGRES_URL, schema });
  const throughProxy = await PostgresStore.open({ url: POSTGRES_URL.replace('127.0.0.1:5432', pgProxy.url), schema });
  const publisher = new NatsExchangePublisher({ url: NATS_URL, stream, spoolDir: spool.dir });
  const redactor = new Redactor(compileRedactionRules(undefined));
  const worker = new ExchangeWorker({ nc, stream, durable: 'vigil-store', store: throughProxy, toRow: (ex) => toRecordRow(ex, redactor, { maxBodyChars: 256, headers: true }) });
  const consumers = new ConsumerSet();
  consumers.add(publisher);
  const gw = await startTestGateway(`upstreams: { api: { url: "${up.url}" } }\nroutes:\n  - name: items\n    match: { path: "/items/{id}" }\n`, { consumers });
  try {
    await publisher.ready();
    await worker.start();
    await burst(gw.port, 30, agent); // warm-up
    const before = await burst(gw.port, 150, agent);
    assert.ok(await waitFor(async () => (await direct.count({})) === 180, 10_000), 'stored before the fault');

    pgProxy.stall(); // a hung PostgreSQL: the worker's write never answers
    const stalled = await burst(gw.port, 150, agent);
    await pgProxy.down(); // then refused: writes fail, batches are negatively acknowledged
    const down = await burst(gw.port, 150, agent);
    await new Promise((r) => setTimeout(r, 700));

    const during = [...stalled, ...down];
    assert.ok(during.every((a) => a.status === 200));
    const p99Before = percentile(before.map((a) => a.ms), 0.99);
    const p99During = percentile(during.map((a) => a.ms), 0.99);
    assert.ok(p99During <= p99Before * 3 + 30, `gateway p99 ${p99During.toFixed(1)} ms during the outage vs ${p99Before.toFixed(1)} ms before`);
    assert.equal(await direct.count({}), 180, 'nothing written while PostgreSQL is unreachable');
    const info = await (await nc.jetstreamManager()).consumers.info(stream, 'vigil-store');
    assert.equal(info.num_pending + info.num_ack_pending, 300, 'the backlog waits in JetStream, not in the gateway');
    assert.ok(worker.stats.failedBatches > 0);
    assert.equal(publisher.unsettled, 0, 'the gateway holds nothing');

    await pgProxy.up();
    assert.ok(await waitFor(async () => (await direct.count({})) >= 480, 15_000), `stored ${await direct.count({})} of 480 after PostgreSQL returned`);
    const stored = (await direct.find({}, { limit: 2000, order: 'asc' })).map((r) => r.id);
    assert.equal(stored.length, 480, 'exactly once');
    const sent = new Set(gw.collected.exchanges.map((e) => e.id));
    assert.deepEqual(new Set(stored), sent);
    console.log(
      `# PostgreSQL fault: gateway p99 ${p99Before.toFixed(1)} ms before, ${p99During.toFixed(1)} ms during; backlog ${info.num_pending} pending + ${info.num_ack_pending} unacknowledged; ` +
        `${worker.stats.failedBatches} batch(es) refused and redelivered; ${stored.length} stored once`,
    );
  } finally {
    await gw.close();
    await worker.stop();
    await throughProxy.close();
    await direct.dropSchema();
    await direct.close();
    await pgProxy.down();
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
    spool.cleanup();
  }
});
