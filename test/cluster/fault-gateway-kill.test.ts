import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEchoUpstream } from '../helpers/upstream.js';
import { startVigil } from '../helpers/vigil-process.js';
import { tempDir } from '../helpers/temp.js';
import { connectNats } from '../../src/cluster/events/nats-connection.js';
import { ExchangeWorker } from '../../src/cluster/worker/exchange-worker.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { toRecordRow } from '../../src/store/record.js';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';
import { NATS_URL, POSTGRES_URL, requireService, runId } from './helpers/services.js';
import { TcpProxy } from './helpers/tcp-proxy.js';
import { burst, call, waitFor } from './helpers/load.js';

test('a gateway killed (SIGKILL) mid-load: every exchange that got a response is stored, none twice', async () => {
  await requireService('nats');
  await requireService('postgres');
  const stream = runId('VIGIL_GKILL');
  const schema = runId('gkill');
  const dir = tempDir('vigil-gkill-');
  const up = await startEchoUpstream();
  // NATS behind a proxy that stalls just before the kill: the events of the last responses are then held by the
  // gateway (queued or awaiting their acknowledgement), the case where memory alone would lose them
  const natsProxy = new TcpProxy(4222);
  await natsProxy.up();
  const config = join(dir.dir, 'vigil.yaml');
  writeFileSync(
    config,
    `listen: 127.0.0.1:0\nworkers: 1\nupstreams: { api: { url: "${up.url}" } }\nroutes:\n  - name: items\n    match: { path: "/items/{id}" }\n` +
      `cluster:\n  nats: nats://${natsProxy.url}\n  stream: ${stream}\n  spool_dir: ${join(dir.dir, 'spool')}\n`,
  );
  const nc = await connectNats(NATS_URL, 'vigil-test');
  const store = await PostgresStore.open({ url: POSTGRES_URL, schema });
  const redactor = new Redactor(compileRedactionRules(undefined));
  const worker = new ExchangeWorker({ nc, stream, durable: 'vigil-store', store, toRow: (ex) => toRecordRow(ex, redactor, { maxBodyChars: 256, headers: true }) });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const first = await startVigil(['gateway', '-c', config]);
  let second: Awaited<ReturnType<typeof startVigil>> | undefined;
  let pause = false;
  try {
    await worker.start();
    const port = first.ports[0]!;
    await first.waitFor(/engines:/);
    const answered: string[] = [];
    const lane = async (n: number) => {
      for (let i = 0; !pause; i++) {
        try {
          const a = await call(port, `/items/${n}-${i}`, agent);
          if (a.status === 200) answered.push(a.id);
        } catch {
          return; // the gateway is gone
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, n) => lane(n)));
    assert.ok(await waitFor(() => answered.length >= 100, 30_000), `${answered.length} answered before the stall`);
    natsProxy.stall();
    const atStall = answered.length;
    assert.ok(await waitFor(() => answered.length >= atStall + 50, 30_000), `${answered.length - atStall} answered while NATS stalled`);
    // the lanes finish the request each has in flight, then the kill comes at once: the gateway still holds the
    // events of the last ~50 answers (NATS stalled). An exchange is journalled when its response completes on
    // the gateway's side, an instant after the client has it: a kill in that instant is not covered (docs).
    pause = true;
    await load;
    await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await first.exited;
    const journalled = readdirSync(join(dir.dir, 'spool')).filter((f) => f.startsWith('inflight-')).length;

    await natsProxy.down();
    await natsProxy.up();
    second = await startVigil(['gateway', '-c', config]);
    for (const a of await burst(second.ports[0]!, 20, agent)) {
      assert.equal(a.status, 200);
      answered.push(a.id);
    }
    const complete = await waitFor(async () => (await store.count({})) >= answered.length, 40_000);
    assert.ok(complete, `stored ${await store.count({})} of ${answered.length} answered`);
    const stored = new Set((await store.find({}, { limit: 10_000, order: 'asc' })).map((r) => r.id));
    const lost = answered.filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], 'no answered exchange is lost');
    const inStream = (await (await nc.jetstreamManager()).streams.info(stream)).state.messages;
    assert.equal(inStream, stored.size, 'no exchange twice in the stream (the replay was deduplicated by message id)');
    assert.equal(await store.count({}), stored.size);
    console.log(`# gateway SIGKILL: ${answered.length} answered (${answered.length - atStall - 20} after NATS stalled, before the kill), ${journalled} in-flight journal segment(s) left, ${stored.size} stored once, none lost`);
  } finally {
    pause = true;
    first.child.kill('SIGKILL');
    second?.child.kill('SIGKILL');
    await Promise.all([first.exited, second?.exited]);
    agent.destroy();
    await worker.stop();
    await store.dropSchema();
    await store.close();
    await natsProxy.down();
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
    await nc.drain();
    await up.close();
    dir.cleanup();
  }
});
