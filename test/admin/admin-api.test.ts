import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { request } from '../helpers/http.js';
import { severityRank } from '../../src/alerts/alert.js';
import type { AlertList, AlertView, AuditEntryView, ExchangeDetail, IncidentDetail, IncidentList, InventoryView, Overview, Timeline, TrafficPage } from '../../src/admin/api-types.js';
import { ADMIN_TOKEN, ATTACKER, CLIENT_SECRET, JWT_SECRET, VIEWER_TOKEN, attack, ordinary, sendTraffic, startHarness, type Harness } from './harness.js';

let h: Harness;

before(async () => {
  h = await startHarness();
  await sendTraffic(h.port);
  await h.recorded(10);
});
after(() => h.close());

test('the API needs a token, viewers read, admins change', async () => {
  assert.equal((await h.api('/api/traffic', { token: null })).status, 401);
  assert.equal((await h.api('/api/traffic', { token: 'wrong' })).status, 401);
  assert.equal((await h.api('/api/traffic', { token: VIEWER_TOKEN })).status, 200);
  assert.deepEqual((await h.api('/api/me', { token: VIEWER_TOKEN })).json(), { name: 'intern', role: 'viewer' });
  const denied = await h.api('/api/blocks', { token: VIEWER_TOKEN, method: 'POST', body: { ip: ATTACKER, ttl_s: 60 } });
  assert.equal(denied.status, 403);
  const alerts = (await h.api('/api/alerts')).json<AlertList>();
  assert.equal((await h.api(`/api/alerts/${alerts.items[0]!.id}/ack`, { token: VIEWER_TOKEN, method: 'POST' })).status, 403);
  assert.equal((await h.api('/api/audit', { token: VIEWER_TOKEN })).status, 403);
  assert.equal((await h.api('/api/nothing')).status, 404);
  assert.equal((await h.api('/api/traffic', { method: 'DELETE' })).status, 405);
});

test('traffic search filters by address, CIDR, decision, status, route, text and time', async () => {
  const total = async (q: string) => (await h.api(`/api/traffic?${q}`)).json<TrafficPage>().total;
  assert.equal(await total(`ip=${ATTACKER}`), 4);
  assert.equal(await total('ip=127.0.0.64/26'), 4);
  assert.equal(await total('decision=block'), 3);
  assert.equal(await total('decision=would-block'), 1);
  assert.equal(await total('status=403'), 3);
  assert.equal(await total('route=reviews'), 2);
  assert.equal(await total('text=UNION'), 1);
  assert.equal(await total('since=1h&decision=allow'), 6);
  assert.equal(await total(`until=${Date.now() - 3_600_000}`), 0);
  const page = (await h.api(`/api/traffic?ip=${ATTACKER}&limit=2`)).json<TrafficPage>();
  assert.equal(page.items.length, 2);
  assert.ok(page.items[0]!.time >= page.items[1]!.time, 'newest first');
});

test('bad query parameters and bodies are refused with a 400 that says why', async () => {
  for (const [q, words] of [
    ['status=abc', /status "abc"/],
    ['ip=not-an-ip', /ip "not-an-ip"/],
    ['decision=maybe', /decision must be/],
    ['limit=0', /limit must be/],
    ['since=yesterdayish', /since "yesterdayish"/],
    ['colour=red', /unknown query parameter "colour"/],
  ] as const) {
    const r = await h.api(`/api/traffic?${q}`);
    assert.equal(r.status, 400, q);
    assert.match(r.json<{ error: string }>().error, words);
  }
  assert.equal((await h.api('/api/blocks', { method: 'POST', body: { ip: 'nope', ttl_s: 60 } })).status, 400);
  assert.equal((await h.api('/api/blocks', { method: 'POST', body: { ip: ATTACKER, ttl_s: -1 } })).status, 400);
  assert.equal((await h.api('/api/timeline')).status, 400);
  const alerts = (await h.api('/api/alerts')).json<AlertList>();
  assert.equal((await h.api(`/api/alerts/${alerts.items[0]!.id}/notes`, { method: 'POST', body: { text: '' } })).status, 400);
  assert.equal((await h.api('/api/alerts/no-such-alert/ack', { method: 'POST' })).status, 404);
});

test('an exchange detail is the redacted record', async () => {
  const page = (await h.api('/api/traffic?route=products&decision=allow&limit=1')).json<TrafficPage>();
  const r = await h.api(`/api/traffic/${page.items[0]!.id}`);
  assert.equal(r.status, 200);
  const x = r.json<ExchangeDetail>();
  assert.equal(x.method, 'GET');
  assert.equal(x.req_headers?.authorization, 'Bearer [REDACTED]');
  assert.ok(!r.body.includes(CLIENT_SECRET.slice(7)), 'the bearer token is not returned');
  assert.equal((await h.api('/api/traffic/unknown-id')).status, 404);
});

test("alerts, an actor's timeline, triage with notes, all audited", async () => {
  const alerts = (await h.api(`/api/alerts?ip=${ATTACKER}`)).json<AlertList>().items;
  const sqli = alerts.find((a) => a.type === 'sqli');
  assert.ok(sqli, 'a SQL injection alert for the attacker');
  assert.equal(sqli.actor.ip, ATTACKER);
  assert.equal(sqli.status, 'open');
  const timeline = (await h.api(`/api/timeline?ip=${ATTACKER}`)).json<Timeline>();
  assert.equal(timeline.items.filter((i) => i.kind === 'exchange').length, 4);
  assert.ok(timeline.items.some((i) => i.kind === 'alert'));
  const acked = await h.api(`/api/alerts/${sqli.id}/ack`, { method: 'POST' });
  assert.equal(acked.json<AlertView>().status, 'acknowledged');
  await h.api(`/api/alerts/${sqli.id}/notes`, { method: 'POST', body: { text: 'scanner from the lab network' } });
  const resolved = (await h.api(`/api/alerts/${sqli.id}/resolve`, { method: 'POST' })).json<AlertView>();
  assert.equal(resolved.status, 'resolved');
  assert.equal(resolved.notes[0]!.text, 'scanner from the lab network');
  assert.equal(resolved.notes[0]!.who, 'ops');
  assert.ok((await h.api('/api/alerts?status=resolved')).json<AlertList>().items.some((a) => a.id === sqli.id));
  const audit = (await h.api('/api/audit')).json<{ items: AuditEntryView[] }>().items;
  for (const action of ['alerts.ack', 'alerts.note', 'alerts.resolve']) assert.ok(audit.some((e) => e.action === action && e.who === 'ops' && e.target === `alert:${sqli.id}`), action);
});

test('the overview counts from the store', async () => {
  const o = (await h.api('/api/overview?since=1h&buckets=12')).json<Overview>();
  assert.equal(o.series.length, 12);
  assert.ok(o.totals.requests >= 10);
  assert.ok(o.totals.blocked >= 3);
  assert.ok(o.totals.wouldBlock >= 1);
  assert.ok(o.totals.alerts >= 2);
  assert.equal(o.series.reduce((n, b) => n + b.requests, 0), o.totals.requests);
  assert.equal(o.topActors[0]!.key, ATTACKER);
  assert.ok(o.topAttackedRoutes.some((r) => r.key === 'products'));
});

test('the policy is shown without secrets', async () => {
  const r = await h.api('/api/policy', { token: VIEWER_TOKEN });
  assert.equal(r.status, 200);
  assert.ok(!r.body.includes(JWT_SECRET));
  assert.ok(!/[0-9a-f]{64}/.test(r.body), 'no token digest');
  assert.ok(!r.body.includes(ADMIN_TOKEN));
  assert.deepEqual(r.json<{ admin: { tokens: unknown[] } }>().admin.tokens, [
    { name: 'ops', role: 'admin' },
    { name: 'intern', role: 'viewer' },
  ]);
});

test('the inventory is discovered from recorded traffic, with its OpenAPI export', async () => {
  const inv = (await h.api('/api/inventory')).json<InventoryView>();
  const products = inv.endpoints.find((e) => e.method === 'GET' && e.path === '/api/products');
  assert.ok(products);
  assert.ok(products.parameters.some((p) => p.name === 'q' && p.in === 'query'));
  const doc = (await h.api('/api/inventory/openapi.json')).json<{ openapi: string; paths: Record<string, unknown> }>();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/products']);
  assert.equal((await h.api('/api/validation')).json<{ configured: boolean }>().configured, false);
});

test('the admin API describes itself as OpenAPI 3.1', async () => {
  const doc = (await h.api('/api/openapi.json', { token: null })).json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/api/traffic', '/api/traffic/{id}', '/api/alerts/{id}/ack', '/api/blocks', '/api/events', '/api/overview', '/api/inventory']) assert.ok(doc.paths[p], p);
});

test('the live stream sends completed exchanges and alerts as Server-Sent Events', async () => {
  assert.equal((await h.api('/api/events', { token: null })).status, 401);
  const events: string[] = [];
  const req = http.get({ host: '127.0.0.1', port: h.adminPort, path: `/api/events?token=${VIEWER_TOKEN}` });
  const res = await new Promise<http.IncomingMessage>((r) => req.on('response', r));
  assert.equal(res.headers['content-type'], 'text/event-stream');
  res.setEncoding('utf8');
  res.on('data', (c: string) => events.push(c));
  await new Promise((r) => setTimeout(r, 100));
  await request2();
  const until = Date.now() + 5000;
  while (!events.join('').includes('"type":"alert"') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  req.destroy();
  const text = events.join('');
  assert.match(text, /event: exchange\ndata: \{"type":"exchange"/);
  assert.match(text, /event: alert\ndata: \{"type":"alert"/);
  assert.ok(text.includes('DROP%20TABLE') || text.includes('OR'), 'the new attack is streamed');

  async function request2() {
    await h.recorded(10);
    await attack(h.port);
  }
});

test("blocking an actor stops its next request, not others', and is audited", async () => {
  const asAttacker = () => request(h.port, '/api/products?q=lamp', { localAddress: ATTACKER });
  assert.equal((await asAttacker()).status, 200, 'an ordinary request from the attacker passes before the block');
  const blocked = await h.api('/api/blocks', { method: 'POST', body: { ip: ATTACKER, ttl_s: 3600, reason: 'test' } });
  assert.equal(blocked.status, 201);
  const next = await asAttacker();
  assert.equal(next.status, 403);
  assert.match(next.body, /blocks\.actor/);
  const benign = await h.api('/api/traffic?limit=1');
  assert.equal(benign.status, 200);
  assert.equal((await ordinary(h.port)).status, 200);
  const audit = (await h.api('/api/audit')).json<{ items: AuditEntryView[] }>().items;
  assert.ok(audit.some((e) => e.action === 'blocks.add' && e.target === `ip:${ATTACKER}`));
  assert.equal((await h.api(`/api/blocks?ip=${ATTACKER}`, { method: 'DELETE' })).status, 200);
});

test('incidents group the alerts of one actor; another actor is another incident', async () => {
  const other = '127.0.0.88';
  await request(h.port, `/api/products?q=${encodeURIComponent("3' OR '3'='3")}`, { localAddress: other });
  const until = Date.now() + 5000;
  while ((await h.api(`/api/alerts?ip=${other}`)).json<AlertList>().items.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  const attackerAlerts = (await h.api(`/api/alerts?ip=${ATTACKER}`)).json<AlertList>().items;
  assert.ok(attackerAlerts.length >= 2, 'the attacker raised two alerts or more');
  const all = (await h.api('/api/incidents', { token: VIEWER_TOKEN })).json<IncidentList>().items;
  const mine = all.filter((i) => i.actor.ips.includes(ATTACKER));
  assert.equal(mine.length, 1, 'one incident for the attacker');
  const inc = mine[0]!;
  assert.deepEqual([...inc.alertIds].sort(), attackerAlerts.map((a) => a.id).sort());
  assert.ok(inc.types.includes('sqli') && inc.types.includes('xss'), inc.types.join());
  assert.equal(inc.status, 'open', 'one of its alerts is still open');
  assert.equal(inc.severity, attackerAlerts.map((a) => a.severity).sort((x, y) => severityRank[y] - severityRank[x])[0]);
  const others = all.filter((i) => i.actor.ips.includes(other));
  assert.equal(others.length, 1);
  assert.notEqual(others[0]!.id, inc.id);
  assert.deepEqual((await h.api(`/api/incidents?ip=${other}`)).json<IncidentList>().items.map((i) => i.id), [others[0]!.id]);
  assert.equal((await h.api('/api/incidents?until=1h')).json<IncidentList>().items.length, 0);
  assert.equal((await h.api('/api/incidents?ip=nope')).status, 400);

  const detail = (await h.api(`/api/incidents/${inc.id}`, { token: VIEWER_TOKEN })).json<IncidentDetail>();
  assert.equal(detail.id, inc.id);
  assert.equal(detail.alerts.length, inc.alertIds.length);
  assert.ok(detail.timeline.length >= 4, 'the attacker\'s exchanges');
  assert.ok(detail.timeline.every((t) => t.exchange.client_ip === ATTACKER));
  const evidence = new Set(attackerAlerts.flatMap((a) => a.requestIds));
  assert.ok(detail.timeline.some((t) => t.evidence));
  for (const t of detail.timeline) assert.equal(t.evidence, evidence.has(t.exchange.id));
  assert.equal((await h.api('/api/incidents/inc-nothing')).status, 404);
  const doc = (await h.api('/api/openapi.json', { token: null })).json<{ paths: Record<string, unknown> }>();
  assert.ok(doc.paths['/api/incidents'] && doc.paths['/api/incidents/{id}']);
});
