import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, nanos } from 'nats';
import { tempDir } from '../helpers/temp.js';
import { makeExchange } from '../helpers/exchange.js';
import { NatsExchangePublisher } from '../../src/cluster/events/nats-publisher.js';
import { connectNats } from '../../src/cluster/events/nats-connection.js';
import { ensureExchangeStream } from '../../src/cluster/events/jetstream-setup.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { NATS_URL, POSTGRES_URL, requireService, runId } from './helpers/services.js';
import { waitFor } from './helpers/load.js';

function startWorker(config: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/vigil.js', 'worker', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('consuming')) resolve(child);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`vigil worker exited (${code}): ${out}`)));
  });
}

test('a worker killed (SIGKILL) mid-load and restarted: every exchange stored exactly once', async () => {
  await requireService('nats');
  await requireService('postgres');
  const stream = runId('VIGIL_WKILL');
  const schema = runId('wkill');
  const dir = tempDir('vigil-wkill-');
  const config = join(dir.dir, 'vigil.yaml');
  writeFileSync(
    config,
    `upstreams: { api: { url: "http://127.0.0.1:1" } }\ncluster:\n  nats: ${NATS_URL}\n  postgres: ${POSTGRES_URL}\n  postgres_schema: ${schema}\n  stream: ${stream}\n`,
  );
  const nc = await connectNats(NATS_URL, 'vigil-test');
  const jsm = await nc.jetstreamManager();
  // the durable the workers share, created ahead with a short ack wait so the killed worker's unacknowledged
  // messages come back in 1.5 s rather than the default 30 s
  await ensureExchangeStream(jsm, stream);
  await jsm.consumers.add(stream, { durable_name: 'vigil-store', ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(1500), max_ack_pending: 20_000 });
  const store = await PostgresStore.open({ url: POSTGRES_URL, schema });
  const publisher = new NatsExchangePublisher({ url: NATS_URL, stream, spoolDir: join(dir.dir, 'spool') });
  const children: ChildProcess[] = [];
  const ids: string[] = [];
  const publish = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const ex = makeExchange({ url: `/items/${ids.length}` });
      ids.push(ex.id);
      publisher.consume(ex);
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 5));
    }
  };
  try {
    await publisher.ready();
    children.push(await startWorker(config));
    const load = publish(2000);
    assert.ok(await waitFor(async () => (await store.count({})) >= 300, 15_000), 'the worker writes');
    children[0]!.kill('SIGKILL');
    const atKill = await store.count({});
    await load;
    await new Promise((r) => setTimeout(r, 300));
    assert.ok((await store.count({})) < 2000, 'the kill happened before everything was stored');
    children.push(await startWorker(config));
    assert.ok(await waitFor(async () => (await store.count({})) >= 2000, 20_000), `stored ${await store.count({})} of 2000`);
    await new Promise((r) => setTimeout(r, 1700)); // past the ack wait: a late redelivery would show here
    const stored = (await store.find({}, { limit: 5000, order: 'asc' })).map((r) => r.id);
    assert.equal(stored.length, 2000, 'exactly once');
    assert.deepEqual(new Set(stored), new Set(ids));
    const info = await jsm.consumers.info(stream, 'vigil-store');
    assert.equal(info.num_pending + info.num_ack_pending, 0, 'everything acknowledged');
    console.log(`# worker SIGKILL with ${atKill} of 2000 stored: the restarted worker completed, 2000 stored once`);
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await publisher.close();
    await store.dropSchema();
    await store.close();
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.drain();
    dir.cleanup();
  }
});
