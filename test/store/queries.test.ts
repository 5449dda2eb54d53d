import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteTrafficStore } from '../../src/store/sqlite/sqlite-store.js';
import { toRecordRow } from '../../src/store/record.js';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';
import { ipFromKey, ipKey, ipKeyRange } from '../../src/store/ip-key.js';
import { makeExchange, type ExchangeSketch } from '../helpers/exchange.js';
import { tempDir } from '../helpers/temp.js';

const redactor = new Redactor(compileRedactionRules(undefined));
const row = (s: ExchangeSketch) => toRecordRow(makeExchange(s), redactor, { maxBodyChars: 256, headers: true });

test('address keys sort by address and cover CIDR ranges', () => {
  assert.equal(ipKey('10.1.2.3'), '40a010203');
  assert.equal(ipFromKey('40a010203'), '10.1.2.3');
  assert.equal(ipFromKey(ipKey('2001:db8::1')!), '2001:db8::1');
  assert.deepEqual(ipKeyRange('10.1.0.0/16'), { first: '40a010000', last: '40a01ffff' });
  const r = ipKeyRange('2001:db8::/32')!;
  assert.ok(r.first <= ipKey('2001:db8:ffff::5')! && ipKey('2001:db8:ffff::5')! <= r.last);
  assert.ok(ipKey('2001:db9::1')! > r.last);
});

test('filters, ordering, stats and exactly-once inserts', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteTrafficStore(join(dir, 'q.db'));
  try {
    const t = Date.parse('2026-01-01T00:00:00Z');
    const rows = [
      row({ time: t, ip: '10.1.0.5', route: 'users', status: 200 }),
      row({ time: t + 1000, ip: '10.1.9.9', route: 'users', status: 500, principal: 'alice' }),
      row({ time: t + 2000, ip: '10.2.0.1', route: 'orders', status: 403, action: 'block', url: '/orders/1?id=1%20UNION%20SELECT' }),
      row({ time: t + 3000, ip: '2001:db8::7', route: 'orders', status: 200, action: 'would-block', principal: 'alice' }),
    ];
    assert.equal(await store.insert(rows), 4);
    assert.equal(await store.insert(rows), 0, 'a second insert of the same ids adds nothing');
    assert.equal((await store.find({ ip: '10.1.0.0/16' }, { limit: 10, order: 'asc' })).length, 2);
    assert.equal((await store.find({ ip: '2001:db8::/32' }, { limit: 10, order: 'asc' })).length, 1);
    assert.deepEqual((await store.find({ principal: 'alice' }, { limit: 10, order: 'asc' })).map((r) => r.time), [t + 1000, t + 3000]);
    assert.equal((await store.find({ status: [500, 599] }, { limit: 10, order: 'asc' }))[0]!.client_ip, '10.1.9.9');
    assert.equal((await store.find({ decision: 'block' }, { limit: 10, order: 'asc' }))[0]!.reasons[0]!.rule, 'sqli.union');
    assert.equal((await store.find({ text: 'UNION' }, { limit: 10, order: 'asc' })).length, 1);
    assert.equal((await store.find({ route: '/orders/{id}' }, { limit: 10, order: 'asc' })).length, 2);
    assert.equal((await store.find({ since: t + 1000, until: t + 3000 }, { limit: 10, order: 'desc' }))[0]!.time, t + 2000);
    const stats = await store.stats({}, 5);
    assert.equal(stats.total, 4);
    assert.deepEqual([...stats.topRoutes].sort((a, b) => a.key.localeCompare(b.key)), [{ key: 'orders', count: 2 }, { key: 'users', count: 2 }]);
    assert.equal(stats.topClients.find((c) => c.key === '2001:db8::7')?.count, 1);
    assert.deepEqual(stats.blockedReasons, [{ key: 'detect.sqli sqli.union', count: 2 }]);
    assert.deepEqual(stats.errors.map((e) => e.key).sort(), [403, 500]);
  } finally {
    await store.close();
    cleanup();
  }
});

test('retention removes by age, then the oldest until the size fits', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteTrafficStore(join(dir, 'r.db'));
  try {
    const now = Date.now();
    const old = Array.from({ length: 100 }, (_, i) => row({ time: now - 40 * 86_400_000 + i }));
    const recent = Array.from({ length: 3000 }, (_, i) => row({ time: now - 3000 + i, body: 'x'.repeat(200), method: 'POST' }));
    await store.insert([...old, ...recent]);
    const byAge = store.applyRetentionSync({ maxAgeMs: 30 * 86_400_000 }, now);
    assert.equal(byAge.deletedByAge, 100);
    const before = store.usedBytes();
    const bySize = store.applyRetentionSync({ maxBytes: Math.floor(before / 2) }, now);
    assert.ok(bySize.deletedBySize > 0);
    assert.ok(store.usedBytes() <= before / 2, `${store.usedBytes()} <= ${before / 2}`);
    const left = await store.find({}, { limit: 1, order: 'asc' });
    const newest = await store.find({}, { limit: 1, order: 'desc' });
    assert.ok(left[0]!.time > now - 3000, 'the oldest went first');
    assert.equal(newest[0]!.time, now - 1);
  } finally {
    await store.close();
    cleanup();
  }
});
