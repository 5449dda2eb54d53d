import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEchoUpstream } from '../helpers/upstream.js';
import { startTestGateway } from '../helpers/gateway.js';
import { request } from '../helpers/http.js';
import { SqliteTrafficStore } from '../../src/store/sqlite/sqlite-store.js';

test('behaviour rules run live in the gateway: a brute force spread over many addresses becomes one stored alert', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-live-behaviour-'));
  const up = await startEchoUpstream();
  const g = await startTestGateway(
    `
upstreams: { api: { url: "${up.url}" } }
trusted_proxies: [127.0.0.2]
store: { path: ${join(dir, 'vigil.db')} }
behaviour: {}
`,
  );
  try {
    // twenty failed logins for one account, each from a different address behind a trusted proxy
    for (let i = 0; i < 20; i++) {
      const r = await request(g.port, '/api/login', {
        method: 'POST',
        localAddress: '127.0.0.2',
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'content-type': 'application/json', 'x-echo-status': '401' },
        body: JSON.stringify({ username: 'alice', password: `guess-${i}` }),
      });
      assert.equal(r.status, 401);
    }
  } finally {
    await g.close();
    await up.close();
  }
  const store = new SqliteTrafficStore(join(dir, 'vigil.db'));
  const alerts = await store.findAlerts({ limit: 50 });
  await store.close();
  const brute = alerts.find((a) => a.type === 'brute-force');
  assert.ok(brute, `alerts: ${alerts.map((a) => a.type).join(', ')}`);
  assert.equal(brute.control, 'behaviour');
});
