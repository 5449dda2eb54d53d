import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Inventory, type InventoryEvent } from '../../src/discover/inventory.js';
import { exchange } from './helpers.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl';

test('as a consumer it queues, then announces new endpoints and new sensitive fields once', async () => {
  const events: InventoryEvent[] = [];
  const inv = new Inventory({ onEvent: (e) => events.push(e), announceAfter: 2 });
  for (let i = 0; i < 3; i++) inv.consume(exchange({ url: `/accounts/${100 + i}`, headers: { authorization: `Bearer ${JWT}` }, responseBody: { email: `u${i}@example.com`, iban: 'DE89370400440532013000' } }));
  inv.consume(exchange({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'ann', password: 'pw' }) }));
  assert.equal(inv.ingested, 0, 'consume returns before the work is done');
  await inv.close();
  const endpoints = events.filter((e) => e.type === 'new-endpoint').map((e) => `${e.endpoint.method} ${e.endpoint.path}`);
  assert.deepEqual(endpoints, ['GET /accounts/{accountId}'], 'POST /login was seen once: not announced yet');
  const fields = events.flatMap((e) => (e.type === 'new-sensitive-field' ? [`${e.field.class} ${e.field.location}`] : [])).sort();
  assert.deepEqual(fields, ['email response:/email', 'iban response:/iban']);
  inv.checkEvents();
  assert.equal(events.length, 3, 'nothing is announced twice');
});

test('per endpoint: methods, parameters, auth schemes, volume, error rate and first/last seen', () => {
  const inv = new Inventory();
  inv.ingest(exchange({ url: '/items?limit=10&sort=asc', time: 1000, headers: { authorization: 'Basic YTpi' } }));
  inv.ingest(exchange({ url: '/items?limit=20', time: 5000, status: 500, headers: { 'x-api-key': 'k123456789' } }));
  inv.ingest(exchange({ url: '/items?limit=30&api_key=zzz', time: 3000, headers: { cookie: 'sessionid=abc' } }));
  const [e] = inv.endpoints();
  assert.equal(e!.path, '/items');
  const s = e!.stats;
  assert.equal(s.requests, 3);
  assert.equal(s.errorRate(), 1 / 3);
  assert.equal(s.firstSeen, 1000);
  assert.equal(s.lastSeen, 5000);
  assert.deepEqual([...s.auth.keys()].sort(), ['api-key-header', 'api-key-query', 'basic', 'cookie']);
  assert.equal(s.query.get('limit')!.samples, 3);
  assert.equal(s.query.get('limit')!.toJsonSchema().type, 'integer');
  assert.equal(s.query.get('sort')!.samples, 1);
});
