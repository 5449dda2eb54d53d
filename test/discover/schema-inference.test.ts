import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InferredSchema } from '../../src/discover/schema-inference.js';

test('types, formats and required fields are inferred and merged across samples', () => {
  const a = new InferredSchema();
  a.observe({ id: 1, email: 'ann@example.com', created: '2024-05-01T10:00:00Z', site: 'https://example.com/a', ip: '10.0.0.1', ref: '3f2b9a4e-8c1d-4e5f-9a7b-1c2d3e4f5a6b', nick: 'x' });
  const b = new InferredSchema();
  b.observe({ id: 2.5, email: 'bob@example.com', created: '2024-05-02T11:00:00+02:00', site: 'https://example.com/b', ip: '10.0.0.2', ref: '4f2b9a4e-8c1d-4e5f-9a7b-1c2d3e4f5a6b', tags: ['a'] });
  a.merge(b);
  const s = a.toJsonSchema() as { properties: Record<string, Record<string, unknown>>; required: string[] };
  assert.equal(s.properties.id!.type, 'number');
  assert.equal(s.properties.email!.format, 'email');
  assert.equal(s.properties.created!.format, 'date-time');
  assert.equal(s.properties.site!.format, 'uri');
  assert.equal(s.properties.ip!.format, 'ipv4');
  assert.equal(s.properties.ref!.format, 'uuid');
  assert.deepEqual(s.properties.tags, { type: 'array', items: { type: 'string' } });
  assert.deepEqual(s.required, ['created', 'email', 'id', 'ip', 'ref', 'site']);
});

test('low-cardinality strings become enums once there are enough samples', () => {
  const s = new InferredSchema();
  for (let i = 0; i < 12; i++) s.observe({ state: ['open', 'closed', 'merged'][i % 3]!, title: `issue number ${i}` });
  const out = s.toJsonSchema() as { properties: Record<string, Record<string, unknown>> };
  assert.deepEqual(out.properties.state!.enum, ['closed', 'merged', 'open']);
  assert.equal(out.properties.title!.enum, undefined);
  const few = new InferredSchema();
  few.observe('open');
  assert.equal(few.toJsonSchema().enum, undefined);
});

test('text values (query, form) are typed; mixed types are listed', () => {
  const s = new InferredSchema();
  s.observeText('42');
  s.observeText('true');
  assert.deepEqual(s.toJsonSchema().type, ['boolean', 'integer']);
});
