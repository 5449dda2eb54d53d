import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrafficStore } from '../../../src/store/store.js';
import type { Alert } from '../../../src/alerts/alert.js';
import { toRecordRow, type RecordRow } from '../../../src/store/record.js';
import { Redactor } from '../../../src/redact/redactor.js';
import { compileRedactionRules } from '../../../src/redact/rules.js';
import { makeExchange, type ExchangeSketch } from '../../helpers/exchange.js';

// One suite for every TrafficStore implementation: the same rows in, the same answers out.

export interface StoreUnderTest {
  store: TrafficStore;
  dispose(): Promise<void>;
}

// recent, so that retention by age (which reads the clock) sees the rows' ages as written
const T0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
const redactor = new Redactor(compileRedactionRules(undefined));

function row(i: number, s: ExchangeSketch): RecordRow {
  return toRecordRow(makeExchange({ id: `req-${String(i).padStart(4, '0')}`, time: T0 + i * 1000, ...s }), redactor, { maxBodyChars: 256, headers: true });
}

/** 4 x 10.0.0.1, 3 x 10.0.0.2, 2 x 10.0.1.9, 1 x 2001:db8::5 — no ties among counts the stats compare. */
export function sampleRows(): RecordRow[] {
  return [
    row(1, { ip: '10.0.0.1', route: 'users', principal: 'alice', url: '/users/1?q=Hello' }),
    row(2, { ip: '10.0.0.1', route: 'users', principal: 'alice', status: 404 }),
    row(3, { ip: '10.0.0.1', route: 'users', principal: 'alice', action: 'block' }),
    row(4, { ip: '10.0.0.1', route: 'orders', principal: 'bob', action: 'block', status: 500 }),
    row(5, { ip: '10.0.0.2', route: 'orders', principal: 'bob', action: 'would-block' }),
    row(6, { ip: '10.0.0.2', route: 'users', status: 404, body: '{"note":"Needle_in_body 100%"}', method: 'POST', headers: { 'content-type': 'application/json' } }),
    row(7, { ip: '10.0.0.2', route: 'users', status: 404 }),
    row(8, { ip: '10.0.1.9', route: 'users', principal: 'alice', status: 503 }),
    row(9, { ip: '10.0.1.9', url: '/health' }),
    row(10, { ip: '2001:db8::5', route: 'users', principal: 'alice' }),
  ];
}

function alert(id: string, over: Partial<Alert> = {}): Alert {
  return {
    id,
    type: 'sqli',
    severity: 'high',
    control: 'detect.sqli',
    rule: 'sqli.union',
    message: 'SQL injection',
    parameter: 'query:id',
    actor: { ip: '10.0.0.1', principal: 'alice', asn: 64500 },
    route: 'users',
    action: 'block',
    requestIds: ['req-0003'],
    firstSeen: T0 + 3000,
    lastSeen: T0 + 3000,
    count: 1,
    ...over,
  };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

export function trafficStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  const withStore = (title: string, fn: (store: TrafficStore) => Promise<void>) =>
    test(`${name}: ${title}`, async () => {
      const s = await open();
      try {
        await fn(s.store);
      } finally {
        await s.dispose();
      }
    });

  withStore('inserts are idempotent by request id', async (store) => {
    const rows = sampleRows();
    assert.equal(await store.insert(rows.slice(0, 6)), 6);
    assert.equal(await store.insert(rows), 4);
    assert.equal(await store.insert(rows), 0);
    assert.equal(await store.count({}), 10);
  });

  withStore('find answers filters, order and limits alike', async (store) => {
    await store.insert(sampleRows());
    const all = await store.find({}, { limit: 100, order: 'asc' });
    assert.deepEqual(ids(all), sampleRows().map((r) => r.id));
    assert.deepEqual(ids(await store.find({}, { limit: 3, order: 'desc' })), ['req-0010', 'req-0009', 'req-0008']);
    assert.deepEqual(ids(await store.find({ ip: '10.0.0.2' }, { limit: 10, order: 'asc' })), ['req-0005', 'req-0006', 'req-0007']);
    assert.deepEqual(ids(await store.find({ ip: '10.0.0.0/24' }, { limit: 10, order: 'asc' })), ['req-0001', 'req-0002', 'req-0003', 'req-0004', 'req-0005', 'req-0006', 'req-0007']);
    assert.deepEqual(ids(await store.find({ ip: '2001:db8::/32' }, { limit: 10, order: 'asc' })), ['req-0010']);
    assert.deepEqual(ids(await store.find({ principal: 'bob' }, { limit: 10, order: 'asc' })), ['req-0004', 'req-0005']);
    assert.deepEqual(ids(await store.find({ route: 'orders' }, { limit: 10, order: 'asc' })), ['req-0004', 'req-0005']);
    assert.deepEqual(ids(await store.find({ route: '/orders/{id}' }, { limit: 10, order: 'asc' })), ['req-0004', 'req-0005']);
    assert.deepEqual(ids(await store.find({ status: 404 }, { limit: 10, order: 'asc' })), ['req-0002', 'req-0006', 'req-0007']);
    assert.deepEqual(ids(await store.find({ status: [500, 599] }, { limit: 10, order: 'asc' })), ['req-0004', 'req-0008']);
    assert.deepEqual(ids(await store.find({ decision: 'would-block' }, { limit: 10, order: 'asc' })), ['req-0005']);
    assert.deepEqual(ids(await store.find({ since: T0 + 3000, until: T0 + 5000 }, { limit: 10, order: 'asc' })), ['req-0003', 'req-0004']);
    assert.deepEqual(ids(await store.find({ text: 'hello' }, { limit: 10, order: 'asc' })), ['req-0001'], 'text search ignores case');
    assert.deepEqual(ids(await store.find({ text: 'needle_in_body 100%' }, { limit: 10, order: 'asc' })), ['req-0006'], 'body, with LIKE wildcards taken literally');
    assert.deepEqual(ids(await store.find({ text: 'needle%body' }, { limit: 10, order: 'asc' })), []);
    assert.deepEqual(ids(await store.find({ principal: 'alice', status: 404, route: 'users' }, { limit: 10, order: 'asc' })), ['req-0002']);
    assert.equal(await store.count({ principal: 'alice' }), 5);
    assert.equal(await store.count({ ip: '10.0.0.0/8', decision: 'block' }), 2);

    const r = all[5]!;
    assert.equal(r.method, 'POST');
    assert.equal(r.time, T0 + 6000);
    assert.equal(typeof r.latency_ms, 'number');
    assert.equal(r.req_bytes, Buffer.byteLength('{"note":"Needle_in_body 100%"}'));
    assert.deepEqual(r.reasons, []);
    assert.equal(r.req_headers?.['content-type'], 'application/json');
    const blocked = all[2]!;
    assert.equal(blocked.reasons[0]?.rule, 'sqli.union');
    assert.equal('ip_key' in blocked, false, 'the address key is not part of a record');
  });

  withStore('stats count alike', async (store) => {
    await store.insert(sampleRows());
    const s = await store.stats({}, 3);
    assert.equal(s.total, 10);
    assert.deepEqual(s.byDecision, [
      { key: 'allow', count: 7 },
      { key: 'block', count: 2 },
      { key: 'would-block', count: 1 },
    ]);
    assert.deepEqual(s.topClients, [
      { key: '10.0.0.1', count: 4 },
      { key: '10.0.0.2', count: 3 },
      { key: '10.0.1.9', count: 2 },
    ]);
    assert.deepEqual(s.topPrincipals, [
      { key: 'alice', count: 5 },
      { key: 'bob', count: 2 },
    ]);
    assert.deepEqual(s.topRoutes, [
      { key: 'users', count: 7 },
      { key: 'orders', count: 2 },
    ]);
    // 500 and 503 tie: their order is not part of the contract
    assert.deepEqual(s.errors[0], { key: 404, count: 3 });
    assert.deepEqual(new Set(s.errors.slice(1).map((e) => `${e.key}:${e.count}`)), new Set(['500:1', '503:1']));
    assert.deepEqual(s.blockedReasons, [{ key: 'detect.sqli sqli.union', count: 3 }]);
    const narrow = await store.stats({ principal: 'bob', decision: 'block' }, 5);
    assert.equal(narrow.total, 1);
    assert.deepEqual(narrow.blockedReasons, [{ key: 'detect.sqli sqli.union', count: 2 }], 'blocked reasons ignore the decision filter');
  });

  withStore('alerts are upserted and found alike', async (store) => {
    await store.upsertAlerts([alert('a1'), alert('a2', { actor: { ip: '10.0.1.9' }, firstSeen: T0 + 8000, lastSeen: T0 + 8000, type: 'ratelimit' })]);
    await store.upsertAlerts([alert('a1', { lastSeen: T0 + 9000, count: 4, requestIds: ['req-0003', 'req-0004'] })]);
    const all = await store.findAlerts({ limit: 10 });
    assert.deepEqual(all.map((a) => a.id), ['a1', 'a2']);
    assert.deepEqual(all[0], alert('a1', { lastSeen: T0 + 9000, count: 4, requestIds: ['req-0003', 'req-0004'] }));
    assert.deepEqual(all[1], alert('a2', { actor: { ip: '10.0.1.9' }, firstSeen: T0 + 8000, lastSeen: T0 + 8000, type: 'ratelimit' }));
    assert.deepEqual((await store.findAlerts({ ip: '10.0.1.0/24', limit: 10 })).map((a) => a.id), ['a2']);
    assert.deepEqual((await store.findAlerts({ principal: 'alice', limit: 10 })).map((a) => a.id), ['a1']);
    assert.deepEqual((await store.findAlerts({ since: T0 + 8500, limit: 10 })).map((a) => a.id), ['a1']);
    await store.upsertAlerts([alert('a1', { lastSeen: T0 + 9500, count: 2 })]);
    assert.equal((await store.findAlerts({ limit: 10 }))[0]!.count, 4, 'a count never goes down');
  });

  withStore('retention deletes by age, then the oldest by size', async (store) => {
    await store.insert(sampleRows());
    const byAge = await store.applyRetention({ maxAgeMs: Date.now() - (T0 + 2500) });
    assert.equal(byAge.deletedByAge, 2);
    assert.equal(await store.count({}), 8);
    const bySize = await store.applyRetention({ maxBytes: 1 });
    assert.ok(bySize.deletedBySize >= 7, `deleted ${bySize.deletedBySize} by size`);
    const left = await store.find({}, { limit: 10, order: 'asc' });
    assert.ok(left.length <= 1 && (left.length === 0 || left[0]!.id === 'req-0010'), 'the newest go last');
  });
}
