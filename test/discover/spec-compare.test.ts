import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Inventory } from '../../src/discover/inventory.js';
import { SpecCatalog } from '../../src/discover/spec-catalog.js';
import { buildReport } from '../../src/discover/classify.js';
import { exchange, fixtures } from './helpers.js';

const host = 'shop.example.test';
const bearer = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl' };

function report() {
  const inv = new Inventory();
  for (let i = 0; i < 4; i++) {
    inv.ingest(exchange({ host, url: `/v2/users/${10 + i}?fields=name&debug=1`, status: i === 3 ? 500 : 200 }));
    inv.ingest(exchange({ host, url: `/v1/users/${20 + i}`, headers: bearer }));
    inv.ingest(exchange({ host, url: '/v1/orders', headers: bearer }));
    inv.ingest(exchange({ host, url: '/v2/orders', headers: bearer }));
    inv.ingest(exchange({ host, method: 'POST', url: '/v2/orders', status: 201, headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify({ item: 'x', quantity: 'two', coupon: 'FREE' }) }));
    inv.ingest(exchange({ host, url: '/v2/health' }));
    inv.ingest(exchange({ host, url: '/v2/admin/dump', headers: bearer }));
  }
  const catalog = new SpecCatalog();
  catalog.add(join(fixtures, 'shop-openapi.yaml'));
  return buildReport(inv.endpoints(), catalog);
}

test('endpoints are documented, shadow, zombie (deprecated or older version) or orphan', () => {
  const r = report();
  const status = Object.fromEntries(r.endpoints.map((e) => [`${e.method} ${e.path}`, e.status]));
  assert.deepEqual(status, {
    'GET /v1/orders': 'zombie',
    'GET /v1/users/{userId}': 'zombie',
    'GET /v2/admin/dump': 'shadow',
    'GET /v2/health': 'documented',
    'GET /v2/orders': 'documented',
    'POST /v2/orders': 'documented',
    'GET /v2/users/{userId}': 'documented',
    'GET /v2/reports': 'orphan',
  });
  const orphan = r.endpoints.find((e) => e.status === 'orphan')!;
  assert.deepEqual(orphan.sources, ['spec']);
});

test('drift and auth-mismatch findings name what differs', () => {
  const r = report();
  const of = (type: string) => r.findings.filter((f) => f.type === type).map((f) => `${f.method} ${f.path}: ${f.detail}`).sort();
  assert.deepEqual(of('drift'), [
    'GET /v2/users/{userId}: undeclared query parameter "debug" (4 requests)',
    'GET /v2/users/{userId}: undeclared response status 500 (1 responses)',
    'POST /v2/orders: request body field "quantity" is declared integer but traffic sends string',
    'POST /v2/orders: undeclared request body field "coupon" (4 requests)',
  ]);
  const auth = r.findings.filter((f) => f.type === 'auth-mismatch');
  assert.deepEqual(auth.map((f) => `${f.method} ${f.path} ${f.severity}`), ['GET /v2/users/{userId} high']);
  assert.deepEqual(of('shadow').length, 1);
  assert.deepEqual(r.findings.filter((f) => f.type === 'zombie').map((f) => f.path).sort(), ['/v1/orders', '/v1/users/{userId}']);
});
