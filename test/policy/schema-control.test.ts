import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSchemaControl, loadSpec } from '../../src/policy/schema/index.js';
import type { Control, CheckResult } from '../../src/pipeline/control.js';
import { makeExchange, type ExchangeInit } from './helpers.js';

const SHOP = `
openapi: 3.0.3
info: { title: Shop, version: "2" }
servers: [{ url: "https://shop.test/api/{version}", variables: { version: { default: v2 } } }]
paths:
  /items:
    parameters:
      - { name: X-Request-Id, in: header, required: true, schema: { type: string, format: uuid } }
    get:
      parameters:
        - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100 } }
        - { name: sort, in: query, schema: { type: string, enum: [price, name] } }
        - { name: tags, in: query, explode: false, schema: { type: array, items: { type: string, maxLength: 8 } } }
        - { name: filter, in: query, style: deepObject, schema: { type: object, properties: { minPrice: { type: number } } } }
      responses: { "200": { description: ok } }
    post:
      requestBody:
        required: true
        content:
          application/json: { schema: { $ref: "#/components/schemas/Item" } }
      responses: { "201": { description: created } }
  /items/mine:
    get: { responses: { "200": { description: ok } } }
  /items/{id}:
    get:
      parameters: [{ $ref: "#/components/parameters/ItemId" }]
      responses: { "200": { description: ok } }
components:
  parameters:
    ItemId: { name: id, in: path, required: true, schema: { type: integer, minimum: 1 } }
  schemas:
    Item:
      type: object
      additionalProperties: false
      required: [name, qty, sku]
      properties:
        sku: { type: string, readOnly: true }
        name: { type: string, maxLength: 40 }
        qty: { type: integer, minimum: 1 }
        price: { type: number, minimum: 0, exclusiveMinimum: true }
        note: { type: string, nullable: true }
        lines: { type: array, items: { $ref: "#/components/schemas/Line" } }
    Line:
      type: object
      required: [qty]
      properties: { qty: { type: integer, minimum: 1 } }
`;

const dir = mkdtempSync(join(tmpdir(), 'vigil-shop-'));
writeFileSync(join(dir, 'shop.yaml'), SHOP);
const spec = loadSpec(join(dir, 'shop.yaml'));
const strict = createSchemaControl({ spec: 'shop', unknown_endpoints: true, unknown_parameters: true }, spec, 'enforce');
const lenient = createSchemaControl({ spec: 'shop' }, spec, 'enforce');
const RID = { 'x-request-id': '6f1c0a55-1f0e-4b8e-9d53-0a6c1d1f0b2a' };

function run(control: Control, init: ExchangeInit): CheckResult {
  const r = control.check(makeExchange(init));
  assert.ok(!(r instanceof Promise), 'the schema control is synchronous');
  return r;
}

test('static segments win over templated ones', () => {
  const m = spec.match('GET', '/api/v2/items/mine');
  assert.equal(m.kind === 'operation' && m.operation.template, '/items/mine');
  const byId = spec.match('GET', '/api/v2/items/17');
  assert.equal(byId.kind === 'operation' && byId.operation.template, '/items/{id}');
});

test('a valid request passes', () => {
  assert.equal(run(strict, { url: '/api/v2/items?limit=10&sort=price&tags=a,b&filter[minPrice]=3', headers: RID }), undefined);
  assert.equal(run(strict, { url: '/api/v2/items/17' }), undefined);
});

test('query parameters are coerced from strings and checked for type, range, enum and repetition', () => {
  const cases: [string, string, string][] = [
    ['limit=abc', 'query:limit', 'abc'],
    ['limit=500', 'query:limit', '500'],
    ['sort=random', 'query:sort', 'random'],
    ['limit=1&limit=2', 'query:limit', '["1","2"]'],
    ['tags=ok,waytoolongtag', 'query:tags', 'waytoolongtag'],
    ['filter[minPrice]=cheap', 'query:filter', 'cheap'],
  ];
  for (const [query, location, evidence] of cases) {
    const r = run(strict, { url: `/api/v2/items?${query}`, headers: RID });
    assert.equal(r?.rule, 'schema.query.invalid', query);
    assert.equal(r?.status, 400);
    assert.equal(r?.location, location, query);
    assert.ok(r?.evidence?.includes(evidence), `${query}: ${r?.evidence}`);
  }
});

test('path parameters are validated', () => {
  const r = run(strict, { url: '/api/v2/items/abc' });
  assert.equal(r?.rule, 'schema.path.invalid');
  assert.equal(r?.location, 'path:id');
});

test('required headers are enforced and typed', () => {
  const missing = run(strict, { url: '/api/v2/items' });
  assert.equal(missing?.rule, 'schema.header.missing');
  assert.equal(missing?.location, 'header:x-request-id');
  const bad = run(strict, { url: '/api/v2/items', headers: { 'x-request-id': 'not-a-uuid' } });
  assert.equal(bad?.rule, 'schema.header.invalid');
});

test('undeclared query parameters are refused only with unknown_parameters', () => {
  const r = run(strict, { url: '/api/v2/items?debug=1', headers: RID });
  assert.equal(r?.rule, 'schema.query.unknown');
  assert.equal(r?.location, 'query:debug');
  assert.equal(run(lenient, { url: '/api/v2/items?debug=1', headers: RID }), undefined);
});

test('unknown endpoints: 404 for an unknown path, 405 for a known path with another method; off without unknown_endpoints', () => {
  const r404 = run(strict, { url: '/api/v2/admin' });
  assert.equal(r404?.rule, 'schema.unknown-endpoint');
  assert.equal(r404?.status, 404);
  const r405 = run(strict, { method: 'DELETE', url: '/api/v2/items/3' });
  assert.equal(r405?.rule, 'schema.method-not-allowed');
  assert.equal(r405?.status, 405);
  assert.equal(run(strict, { method: 'OPTIONS', url: '/api/v2/items/3', headers: { 'access-control-request-method': 'GET' } }), undefined);
  assert.equal(run(lenient, { url: '/api/v2/admin' }), undefined);
  assert.equal(run(lenient, { method: 'DELETE', url: '/api/v2/items/3' }), undefined);
});

const post = (body: ExchangeInit['body'], headers: Record<string, string> = {}): ExchangeInit => ({ method: 'POST', url: '/api/v2/items', headers: { ...RID, ...headers }, body });

test('a valid JSON body passes; readOnly required properties are not required in requests; nullable works', () => {
  assert.equal(run(strict, post({ name: 'mug', qty: 2, price: 4.5, note: null, lines: [{ qty: 1 }] })), undefined);
});

test('JSON body errors are located by JSON pointer', () => {
  const cases: [object, string, string][] = [
    [{ name: 'mug', qty: '2' }, 'schema.body.invalid', 'body:/qty'],
    [{ name: 'mug', qty: 1, lines: [{ qty: 0 }] }, 'schema.body.invalid', 'body:/lines/0/qty'],
    [{ name: 'mug', qty: 1, admin: true }, 'schema.body.unknown-property', 'body:/admin'],
    [{ qty: 1 }, 'schema.body.missing-property', 'body:/name'],
    [{ name: 'mug', qty: 1, price: 0 }, 'schema.body.invalid', 'body:/price'],
    [{ name: 'mug', qty: 1, note: 5 }, 'schema.body.invalid', 'body:/note'],
  ];
  for (const [body, rule, location] of cases) {
    const r = run(strict, post(body));
    assert.equal(r?.rule, rule, JSON.stringify(body));
    assert.equal(r?.location, location, JSON.stringify(body));
    assert.equal(r?.status, 400);
  }
});

test('attacker input is never echoed beyond a short evidence snippet', () => {
  const long = `' OR 1=1 -- ${'A'.repeat(500)}`;
  const r = run(strict, post({ name: long, qty: 1 }));
  assert.equal(r?.location, 'body:/name');
  assert.ok(r!.evidence!.length <= 40);
  assert.ok(!r!.message.includes('OR 1=1'));
  const q = run(strict, { url: `/api/v2/items?${'x'.repeat(300)}=1`, headers: RID });
  assert.ok(q!.location!.length < 80);
  const invalid = run(strict, post('{"name": "secret-value", ', { 'content-type': 'application/json' }));
  assert.equal(invalid?.rule, 'schema.body.invalid-json');
  assert.ok(!JSON.stringify(invalid).includes('secret-value'));
});

test('body presence and media type', () => {
  assert.equal(run(strict, { method: 'POST', url: '/api/v2/items', headers: RID })?.rule, 'schema.body.missing');
  const r = run(strict, post('name=mug', { 'content-type': 'text/plain' }));
  assert.equal(r?.rule, 'schema.body.unsupported-media-type');
  assert.equal(r?.status, 415);
  assert.equal(run(strict, { url: '/api/v2/items/3', body: { x: 1 } })?.rule, 'schema.body.unexpected');
});

test('Swagger 2.0 formData fields and header parameters (Slack chat.postMessage)', () => {
  const corpora = fileURLToPath(new URL('../../../../shared/corpora/openapi/', import.meta.url));
  const slack = loadSpec(join(corpora, 'slack_web_swagger2.json'));
  const control = createSchemaControl({ spec: 'slack', unknown_endpoints: true }, slack, 'enforce');
  const form = { 'content-type': 'application/x-www-form-urlencoded', token: 'xoxb-test' };
  assert.equal(run(control, { method: 'POST', url: '/api/chat.postMessage', headers: form, body: 'channel=C123&text=hello' }), undefined);
  const missing = run(control, { method: 'POST', url: '/api/chat.postMessage', headers: form, body: 'text=hello' });
  assert.equal(missing?.rule, 'schema.form.missing');
  assert.equal(missing?.location, 'body:channel');
  assert.equal(run(control, { method: 'POST', url: '/api/chat.postMessage', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'channel=C1' })?.rule, 'schema.header.missing');
  assert.equal(run(control, { method: 'GET', url: '/api/chat.hack' })?.rule, 'schema.unknown-endpoint');
});

test('OpenAPI 3.1 (JSON Schema types) and Swagger 2.0 body parameters with definitions', () => {
  const dir31 = mkdtempSync(join(tmpdir(), 'vigil-31-'));
  writeFileSync(
    join(dir31, 'api.json'),
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/notes': { post: { requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } } }, responses: {} } } },
      components: { schemas: { Note: { type: 'object', required: ['text'], properties: { text: { type: ['string', 'null'] }, at: { type: 'string', format: 'date-time' } } } } },
    }),
  );
  const c31 = createSchemaControl({ spec: 'n' }, loadSpec(join(dir31, 'api.json')), 'enforce');
  assert.equal(run(c31, { method: 'POST', url: '/notes', body: { text: null, at: '2024-05-01T10:00:00Z' } }), undefined);
  assert.equal(run(c31, { method: 'POST', url: '/notes', body: { text: 'x', at: 'yesterday' } })?.location, 'body:/at');

  const dir2 = mkdtempSync(join(tmpdir(), 'vigil-sw2-'));
  writeFileSync(
    join(dir2, 'api.yaml'),
    [
      'swagger: "2.0"',
      'info: { title: t, version: "1" }',
      'basePath: /v1',
      'paths:',
      '  /pets:',
      '    post:',
      '      parameters: [{ in: body, name: pet, required: true, schema: { $ref: "#/definitions/Pet" } }]',
      '      responses: { "200": { description: ok } }',
      'definitions:',
      '  Pet: { type: object, required: [name], properties: { name: { type: string }, age: { type: integer, minimum: 0, exclusiveMinimum: true }, tag: { type: string, x-nullable: true } } }',
    ].join('\n'),
  );
  const c2 = createSchemaControl({ spec: 'p' }, loadSpec(join(dir2, 'api.yaml')), 'enforce');
  assert.equal(run(c2, { method: 'POST', url: '/v1/pets', body: { name: 'rex', age: 3, tag: null } }), undefined);
  assert.equal(run(c2, { method: 'POST', url: '/v1/pets', body: { name: 'rex', age: 0 } })?.location, 'body:/age');
  assert.equal(run(c2, { method: 'POST', url: '/v1/pets', body: { age: 2 } })?.rule, 'schema.body.missing-property');
});
