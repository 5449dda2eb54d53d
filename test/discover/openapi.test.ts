import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadSpec } from '../../src/policy/schema/index.js';
import { Inventory } from '../../src/discover/inventory.js';
import { buildReport } from '../../src/discover/classify.js';
import { buildOpenApi } from '../../src/discover/openapi-build.js';
import { checkOpenApi31 } from '../../src/discover/openapi-check.js';
import { synthesiseTraffic } from '../../bench/discovery/synthesise.js';
import { tempDir } from '../helpers/temp.js';
import { corpora } from './helpers.js';

test('the OpenAPI 3.1 document rebuilt from traffic validates and loads back with loadSpec', () => {
  const traffic = synthesiseTraffic(join(corpora, 'twilio_conversations_v1.json'));
  const inv = new Inventory();
  for (const ex of traffic.exchanges) inv.ingest(ex);
  const doc = buildOpenApi(buildReport(inv.endpoints()));
  assert.deepEqual(checkOpenApi31(doc), []);
  const tmp = tempDir('vigil-discover-');
  const file = join(tmp.dir, 'out.yaml');
  writeFileSync(file, stringify(doc, { aliasDuplicateObjects: false }));
  const spec = loadSpec(file);
  tmp.cleanup();
  assert.equal(spec.version, '3.1.0');
  assert.equal(spec.operations.length, traffic.operations.length);
  const m = spec.match('GET', '/v1/Conversations/CH0123456789abcdef0123456789abcdef/Messages/IM0123456789abcdef0123456789abcdef');
  assert.equal(m.kind === 'operation' && m.operation.template, '/v1/Conversations/{conversationId}/Messages/{messageId}');
});

test('the structural check catches undeclared path parameters, bad paths and missing responses', () => {
  const bad = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { 'users/{id}': { get: { responses: {} } }, '/x/{id}': { get: { responses: { '200': { description: 'ok' } } } } } };
  const problems = checkOpenApi31(bad);
  assert.ok(problems.some((p) => p.includes('propertyName')) || problems.some((p) => p.includes('property name')), problems.join('; '));
  assert.ok(problems.some((p) => p.includes('{id} is not declared')));
  assert.ok(problems.some((p) => p.includes('fewer than 1')));
});
