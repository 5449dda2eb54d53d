import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../src/alerts/alert.js';
import { QueuedSink, type SinkTransport } from '../../src/alerts/sinks/queued-sink.js';
import { SyslogTransport } from '../../src/alerts/sinks/syslog.js';
import { SplunkHecTransport } from '../../src/alerts/sinks/splunk-hec.js';
import { WebhookTransport, webhookSignature } from '../../src/alerts/sinks/webhook.js';
import { FileTransport } from '../../src/alerts/sinks/file.js';
import { toCef } from '../../src/alerts/sinks/cef.js';
import { toLeef } from '../../src/alerts/sinks/leef.js';
import { freePort, httpReceiver, streamReceiver, udpReceiver } from './receivers.js';
import { tempDir } from '../helpers/temp.js';

const T = Date.parse('2026-11-25T10:00:00.000Z');

function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'al-1',
    type: 'sqli',
    severity: 'high',
    control: 'detect.sqli',
    rule: 'sqli.union',
    message: 'SQL injection | UNION',
    parameter: 'query:id',
    evidence: '1 UNION SELECT a=b',
    actor: { ip: '203.0.113.7', principal: 'alice', country: 'NL', asn: 64500 },
    route: 'users',
    action: 'block',
    requestIds: ['r1', 'r2'],
    firstSeen: T - 1000,
    lastSeen: T,
    count: 2,
    request: { id: 'r2', method: 'GET', host: 'api.test', path: '/users/1', query: 'id=1%20UNION', status: 403, userAgent: 'curl/8', scheme: 'https' },
    ...overrides,
  };
}

function sink(transport: SinkTransport, extra: Partial<ConstructorParameters<typeof QueuedSink>[1]> = {}): QueuedSink {
  return new QueuedSink(transport, { name: 'test', queueSize: 100, batchSize: 10, initialBackoffMs: 20, maxBackoffMs: 100, log: () => undefined, ...extra });
}

const PRI_ERR_LOCAL0 = 16 * 8 + 3;
const HEADER = `<${PRI_ERR_LOCAL0}>1 2026-11-25T10:00:00.000Z ${hostname()} vigil ${process.pid} alert - `;
const CEF =
  'CEF:0|Vigil|Vigil|0.1.0|sqli.union|SQL injection \\| UNION|8|rt=1795600800000 start=1795600799000 end=1795600800000 cnt=2 externalId=al-1 cat=sqli act=block ' +
  'src=203.0.113.7 suser=alice requestMethod=GET request=https://api.test/users/1?id\\=1%20UNION requestClientApplication=curl/8 outcome=403 ' +
  'cs1Label=route cs1=users cs2Label=parameter cs2=query:id cs3Label=evidence cs3=1 UNION SELECT a\\=b cs4Label=requestIds cs4=r1,r2 cs5Label=control cs5=detect.sqli msg=SQL injection | UNION';

test('CEF: header and extension escaping', () => {
  assert.equal(toCef(alert()), CEF);
  assert.match(toCef(alert({ message: 'two\nlines\\' })), /\|two lines\\\\\|.*msg=two\\nlines\\\\$/);
});

test('syslog RFC 5424 over UDP carrying CEF: one message a datagram, exact bytes', async () => {
  const rx = await udpReceiver();
  const s = sink(new SyslogTransport({ host: '127.0.0.1', port: rx.port, transport: 'udp', format: 'cef' }));
  s.send(alert(), false);
  const [m] = await rx.waitFor(1);
  assert.equal(m, HEADER + CEF);
  await s.close();
  await rx.close();
});

test('syslog over TCP carrying LEEF 2.0: octet-counted frames', async () => {
  const rx = await streamReceiver();
  const s = sink(new SyslogTransport({ host: '127.0.0.1', port: rx.port, transport: 'tcp', format: 'leef' }));
  s.send(alert(), false);
  s.send(alert({ id: 'al-2', severity: 'low' }), false);
  const [a, b] = await rx.waitFor(2);
  const leef =
    'LEEF:2.0|Vigil|Vigil|0.1.0|sqli.union|x09|devTime=1795600800000\tdevTimeFormat=epoch\tcat=sqli\tsev=8\tsrc=203.0.113.7\tusrName=alice\taction=block\t' +
    'url=/users/1?id=1%20UNION\tmethod=GET\thttpStatus=403\tuserAgent=curl/8\troute=users\tparameter=query:id\tevidence=1 UNION SELECT a=b\trule=sqli.union\t' +
    'control=detect.sqli\tcount=2\tfirstSeen=1795600799000\talertId=al-1\trequestIds=r1,r2\tmsg=SQL injection | UNION';
  assert.equal(toLeef(alert()), leef);
  assert.equal(a, HEADER + leef);
  assert.ok(b!.startsWith(`<${16 * 8 + 5}>1 `), 'low maps to syslog notice');
  await s.close();
  await rx.close();
});

test('syslog over TLS, trusting a given CA', async () => {
  const { dir, cleanup } = tempDir();
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
    const rx = await streamReceiver({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) });
    const s = sink(new SyslogTransport({ host: 'localhost', port: rx.port, transport: 'tls', format: 'cef', ca: readFileSync(join(dir, 'c.pem')) }));
    s.send(alert(), false);
    assert.equal((await rx.waitFor(1))[0], HEADER + CEF);
    await s.close();
    await rx.close();
    const untrusted = sink(new SyslogTransport({ host: 'localhost', port: rx.port, transport: 'tls', format: 'cef' }), { maxRetries: 0 });
    untrusted.send(alert(), false);
    await untrusted.close();
    assert.equal(untrusted.stats.sent, 0, 'an untrusted certificate is refused');
  } finally {
    cleanup();
  }
});

test('Splunk HEC: token header, batch of envelopes, ECS events', async () => {
  const rx = await httpReceiver();
  const s = sink(new SplunkHecTransport({ url: `http://127.0.0.1:${rx.port}/services/collector/event`, token: 'hec-token-1', format: 'ecs', index: 'security' }));
  s.send(alert(), false);
  const [req] = await rx.waitFor(1);
  assert.equal(req!.url, '/services/collector/event');
  assert.equal(req!.headers.authorization, 'Splunk hec-token-1');
  const env = JSON.parse(req!.body) as { time: number; sourcetype: string; index: string; event: Record<string, Record<string, unknown>> };
  assert.equal(env.time, T / 1000);
  assert.equal(env.sourcetype, 'vigil:alert:ecs');
  assert.equal(env.index, 'security');
  assert.equal(env.event['@timestamp'] as unknown, '2026-11-25T10:00:00.000Z');
  assert.deepEqual(env.event.event!.category, ['intrusion_detection', 'web']);
  assert.equal(env.event.event!.kind, 'alert');
  assert.equal(env.event.source!.ip, '203.0.113.7');
  assert.deepEqual(env.event.rule, { id: 'sqli.union', name: 'SQL injection | UNION', category: 'sqli', ruleset: 'detect.sqli' });
  assert.deepEqual(env.event.http, { request: { id: 'r2', method: 'GET' }, response: { status_code: 403 } });
  assert.equal(env.event.vigil!.parameter, 'query:id');
  await s.close();
  await rx.close();
});

test('webhook: OCSF Detection Finding + HTTP Activity, HMAC-SHA256 signature over timestamp and body', async () => {
  const rx = await httpReceiver();
  const s = sink(new WebhookTransport({ url: `http://127.0.0.1:${rx.port}/hook`, secret: 'whsec-1', format: 'ocsf' }));
  s.send(alert(), false);
  const [req] = await rx.waitFor(1);
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req!.headers['x-vigil-signature']));
  assert.ok(m);
  assert.equal(m[2], webhookSignature('whsec-1', Number(m[1]), req!.body));
  const [finding, http] = JSON.parse(req!.body) as Record<string, unknown>[];
  assert.equal(finding!.class_uid, 2004);
  assert.equal(finding!.type_uid, 200401);
  assert.equal(finding!.severity_id, 4);
  assert.equal((finding!.finding_info as { uid: string }).uid, 'al-1');
  assert.equal(finding!.disposition, 'Blocked');
  assert.equal(http!.class_uid, 4002);
  assert.equal(http!.type_uid, 400203);
  assert.deepEqual((http!.http_request as { url: unknown }).url, { hostname: 'api.test', path: '/users/1', query_string: 'id=1%20UNION', scheme: 'https', url_string: 'https://api.test/users/1?id=1%20UNION' });
  assert.deepEqual(http!.http_response, { code: 403 });
  await s.close();
  await rx.close();
});

test('a sink that is down loses nothing up to its queue bound, and counts what it drops', async () => {
  const port = await freePort();
  const s = sink(new WebhookTransport({ url: `http://127.0.0.1:${port}/hook`, format: 'vigil' }), { queueSize: 5, batchSize: 2 });
  for (let i = 0; i < 8; i++) s.send(alert({ id: `al-${i}` }), false);
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(s.stats.dropped, 3);
  assert.ok(s.stats.retries > 0);
  const rx = await httpReceiver(port);
  try {
    await rx.waitFor(3, 5000);
    await s.close();
  } finally {
    await rx.close();
  }
  const ids = rx.items.flatMap((r) => (JSON.parse(r.body) as Alert[]).map((a) => a.id));
  // al-0 was being delivered when the queue overflowed: it is kept; the oldest queued behind it were dropped
  assert.deepEqual(ids, ['al-0', 'al-4', 'al-5', 'al-6', 'al-7'], 'the oldest waiting were dropped, the rest arrived in order');
  assert.equal(s.stats.sent, 5);
});

test('file sink: one line per message', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const s = sink(new FileTransport(join(dir, 'alerts.jsonl'), 'ecs'));
    s.send(alert(), false);
    s.send(alert({ id: 'al-2' }), true);
    await s.close();
    const lines = readFileSync(join(dir, 'alerts.jsonl'), 'utf8').trim().split('\n');
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { event: { id: string } }).event.id), ['al-1', 'al-2']);
  } finally {
    cleanup();
  }
});
