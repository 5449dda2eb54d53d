import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEchoUpstream } from '../helpers/upstream.js';
import { startTestGateway } from '../helpers/gateway.js';
import { request } from '../helpers/http.js';
import { SqliteTrafficStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Alert } from '../../src/alerts/alert.js';

const SPEC = `openapi: 3.0.3
info: { title: users, version: "1" }
paths:
  /api/users/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses: { "200": { description: a user } }
`;

/** Sends the same traffic through a gateway with live discovery and returns the discovery alerts it stored. */
async function discoveryAlerts(discovery: string): Promise<Alert[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-live-discovery-'));
  writeFileSync(join(dir, 'users.yaml'), SPEC);
  const up = await startEchoUpstream();
  const g = await startTestGateway(
    `
upstreams: { api: { url: "${up.url}" } }
specs: { users: ${join(dir, 'users.yaml')} }
store: { path: ${join(dir, 'vigil.db')} }
discovery: ${discovery}
`,
  );
  try {
    // documented
    for (const id of [1, 2, 3]) assert.equal((await request(g.port, `/api/users/${id}`)).status, 200);
    // not in the spec
    for (const id of [7, 8, 9]) assert.equal((await request(g.port, `/api/export/${id}`)).status, 200);
    // not in the spec, carrying card numbers
    for (const card of ['4111111111111111', '5500005555555559']) {
      const r = await request(g.port, '/api/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card, amount: 12 }) });
      assert.equal(r.status, 200);
    }
    // probes the API answers 404: not endpoints
    for (let i = 0; i < 3; i++) await request(g.port, '/wp-admin/setup.php', { headers: { 'x-echo-status': '404' } });
  } finally {
    await g.close();
    await up.close();
  }
  const store = new SqliteTrafficStore(join(dir, 'vigil.db'));
  const alerts = await store.findAlerts({ limit: 100 });
  await store.close();
  return alerts.filter((a) => a.type === 'discovery');
}

test('live discovery: a shadow endpoint and a new sensitive field become alerts; documented endpoints and 404 probes do not', async () => {
  const alerts = await discoveryAlerts('{ learn_s: 0, announce_after: 2 }');
  const endpoints = alerts.filter((a) => a.rule === 'discovery.new-endpoint').map((a) => a.message.replace(/127\.0\.0\.1:\d+/, 'HOST'));
  assert.deepEqual(endpoints.sort(), ['new endpoint GET HOST/api/export/{exportId} (in no API description: shadow)', 'new endpoint POST HOST/api/payments (in no API description: shadow)']);
  const fields = alerts.filter((a) => a.rule === 'discovery.new-sensitive-field');
  assert.equal(fields.length, 1, fields.map((a) => a.message).join('; '));
  assert.equal(fields[0]!.severity, 'high');
  assert.match(fields[0]!.message, /^card-number seen in .*card.* of POST .*\/api\/payments$/);
});

test('live discovery: what is seen during the learning period is learned, not alerted', async () => {
  assert.deepEqual(await discoveryAlerts('{ learn_s: 60 }'), []);
});
