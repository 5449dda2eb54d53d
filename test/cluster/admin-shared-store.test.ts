import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestGateway } from '../helpers/gateway.js';
import { startEchoUpstream } from '../helpers/upstream.js';
import { request } from '../helpers/http.js';
import { tempDir } from '../helpers/temp.js';
import { ConsumerSet } from '../../src/pipeline/consumer.js';
import { NatsExchangePublisher } from '../../src/cluster/events/nats-publisher.js';
import { connectNats } from '../../src/cluster/events/nats-connection.js';
import { ExchangeWorker } from '../../src/cluster/worker/exchange-worker.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { toRecordRow } from '../../src/store/record.js';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';
import { parseConfig } from '../../src/config/load.js';
import { runGateway } from '../../src/capture/gateway/cluster.js';
import type { TrafficPage } from '../../src/admin/api-types.js';
import { NATS_URL, POSTGRES_URL, requireService, runId } from './helpers/services.js';
import { waitFor } from './helpers/load.js';

const TOKEN = 'viewer-token-for-cluster-tests-42';

test("in cluster mode an instance's admin API reads the shared PostgreSQL store: exchanges recorded through another instance", async () => {
  await requireService('nats');
  await requireService('postgres');
  const stream = runId('VIGIL_ADMIN');
  const schema = runId('admin');
  const dir = tempDir('vigil-cluster-admin-');
  const up = await startEchoUpstream();
  const nc = await connectNats(NATS_URL, 'vigil-test');
  const store = await PostgresStore.open({ url: POSTGRES_URL, schema });
  const redactor = new Redactor(compileRedactionRules(undefined));
  const worker = new ExchangeWorker({ nc, stream, durable: 'vigil-store', store, toRow: (ex) => toRecordRow(ex, redactor, { maxBodyChars: 256, headers: true }) });
  // instance A: the gateway as `vigil gateway` runs it, with its admin listener
  const cfg = parseConfig(
    `listen: 127.0.0.1:0\nworkers: 1\nadmin:\n  address: 127.0.0.1:0\n  tokens:\n    - { name: ops, role: viewer, sha256: ${createHash('sha256').update(TOKEN).digest('hex')} }\n` +
      `upstreams: { api: { url: "${up.url}" } }\ncluster:\n  nats: ${NATS_URL}\n  postgres: ${POSTGRES_URL}\n  postgres_schema: ${schema}\n  stream: ${stream}\n  spool_dir: ${dir.dir}/spool-a\n`,
    'a.yaml',
  );
  cfg.baseDir = dir.dir;
  const a = await runGateway(cfg, undefined, () => undefined);
  // instance B: another gateway publishing to the same stream
  const publisher = new NatsExchangePublisher({ url: NATS_URL, stream, spoolDir: `${dir.dir}/spool-b` });
  const consumers = new ConsumerSet();
  consumers.add(publisher);
  const b = await startTestGateway(`upstreams: { api: { url: "${up.url}" } }\n`, { consumers });
  try {
    await worker.start();
    await publisher.ready();
    for (let i = 0; i < 5; i++) assert.equal((await request(b.port, `/orders/b-${i}`)).status, 200);
    assert.equal((await request(a.ports[0]!, '/orders/a-0')).status, 200);
    const ids = new Set(b.collected.exchanges.map((e) => e.id));
    let page: TrafficPage | undefined;
    const seen = await waitFor(async () => {
      const r = await request(a.adminPort!, '/api/traffic?limit=50', { headers: { authorization: `Bearer ${TOKEN}` } });
      if (r.status !== 200) return false;
      page = r.json<TrafficPage>();
      return page.total >= 6;
    }, 10_000);
    assert.ok(seen, `admin of instance A: ${JSON.stringify(page)}`);
    const listed = page!.items.map((i) => i.id);
    for (const id of ids) assert.ok(listed.includes(id), `exchange ${id} recorded via instance B is listed by A's admin`);
    assert.equal(page!.total, 6);
  } finally {
    await b.close();
    await a.stop();
    await worker.stop();
    await store.dropSchema();
    await store.close();
    await (await nc.jetstreamManager()).streams.delete(stream).catch(() => undefined);
    await nc.drain();
    await up.close();
    dir.cleanup();
  }
});
