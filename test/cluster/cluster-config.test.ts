import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/load.js';
import { describeEngines } from '../../src/cluster/engines.js';

test('no cluster section: embedded engines', () => {
  const cfg = parseConfig('upstreams: { api: { url: "http://127.0.0.1:1" } }\nstore: {}\n');
  assert.equal(cfg.cluster, undefined);
  assert.equal(describeEngines(cfg), 'engines: rate limits in process; events none; store SQLite vigil-data/vigil.db');
});

test('the cluster section names the shared engines, with defaults', () => {
  const cfg = parseConfig(
    'upstreams: { api: { url: "http://127.0.0.1:1" } }\ncluster:\n  redis: redis://127.0.0.1:6379\n  nats: nats://127.0.0.1:4222\n  postgres: postgres://vigil:secret@127.0.0.1:5432/vigil\n  gateways: 3\n',
  );
  assert.deepEqual(cfg.cluster, {
    redis: 'redis://127.0.0.1:6379',
    nats: 'nats://127.0.0.1:4222',
    postgres: 'postgres://vigil:secret@127.0.0.1:5432/vigil',
    key_prefix: 'vigil:',
    stream: 'VIGIL_EXCHANGES',
    spool_dir: 'vigil-data/spool',
    gateways: 3,
    postgres_schema: 'public',
  });
  const line = describeEngines(cfg);
  assert.match(line, /rate limits Redis redis:\/\/127\.0\.0\.1:6379 \(shared; local 1\/3 share/);
  assert.match(line, /events NATS JetStream nats:\/\/127\.0\.0\.1:4222 stream VIGIL_EXCHANGES/);
  assert.match(line, /store PostgreSQL postgres:\/\/vigil:\*\*\*@127\.0\.0\.1:5432\/vigil via vigil worker/);
  assert.doesNotMatch(line, /secret/);
});

test('cluster settings are checked', () => {
  assert.throws(() => parseConfig('upstreams: { api: { url: "http://127.0.0.1:1" } }\ncluster: { redis: "http://x" }\n'), /cluster\.redis/);
  assert.throws(() => parseConfig('upstreams: { api: { url: "http://127.0.0.1:1" } }\ncluster: { kafka: "x" }\n'), /cluster\.kafka: is not a known setting/);
});
