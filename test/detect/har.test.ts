import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangesFromHar, HarError } from '../../src/capture/har/har.js';

const entry = (request: unknown, extra: Record<string, unknown> = {}): unknown => ({ startedDateTime: '2026-01-01T00:00:01.000Z', time: 12, request, response: { status: 0, headers: [], content: { size: 0 } }, ...extra });

test('HAR entries become full exchanges', () => {
  const har = {
    log: {
      entries: [
        entry(
          { method: 'post', url: 'https://api.example.com/v1/users?id=7&x=a%20b', httpVersion: 'HTTP/2', headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }], postData: { mimeType: 'application/json', text: '{"name":"Zoë"}' } },
          { _clientIP: '198.51.100.4', _requestId: 'req-1', response: { status: 201, headers: [{ name: 'Content-Type', value: 'application/json' }], content: { size: 2, text: 'e30=', encoding: 'base64' } } },
        ),
        entry({ method: 'GET', url: 'http://h/x', headers: [], postData: { text: 'AAEC', encoding: 'base64' } }),
      ],
    },
  };
  const { exchanges, problems } = exchangesFromHar(JSON.stringify(har), 'a.har');
  assert.deepEqual(problems, []);
  const [a, b] = exchanges;
  assert.ok(a && b);
  assert.equal(a.id, 'req-1');
  assert.equal(a.source, 'har');
  assert.equal(a.client.ip, '198.51.100.4');
  assert.equal(a.request.method, 'POST');
  assert.equal(a.request.path, '/v1/users');
  assert.equal(a.request.query, 'id=7&x=a%20b');
  assert.equal(a.request.host, 'api.example.com');
  assert.equal(a.request.scheme, 'https');
  assert.deepEqual(a.request.headers['x-a'], ['1', '2']);
  assert.equal(a.request.body?.toString('utf8'), '{"name":"Zoë"}');
  assert.equal(a.response?.status, 201);
  assert.equal(a.response?.body?.toString(), '{}');
  assert.equal(a.timings.start, Date.parse('2026-01-01T00:00:01.000Z'));
  assert.equal(b.client.ip, '0.0.0.0');
  assert.deepEqual([...(b.request.body ?? [])], [0, 1, 2]);
  assert.ok(b.id.length > 8);
  assert.equal(b.response, undefined);
});

test('malformed entries are reported with their index and skipped', () => {
  const har = { log: { entries: [null, entry({ url: 'http://h/' }), entry({ method: 'GET', url: 'http://h/ok' }), entry({ method: 'GET', url: 'http://h/', headers: 'nope' })] } };
  const { exchanges, problems } = exchangesFromHar(JSON.stringify(har), 'b.har');
  assert.equal(exchanges.length, 1);
  assert.deepEqual(problems.map((p) => p.entry), [0, 1, 3]);
  assert.match(problems[1]!.message, /method/);
});

test('malformed JSON or a non-HAR document gives one clear error naming the file', () => {
  assert.throws(() => exchangesFromHar('{oops', 'capture.har'), (e: unknown) => e instanceof HarError && /capture\.har/.test(e.message));
  assert.throws(() => exchangesFromHar('{"log":{}}', 'c.har'), /c\.har: not a HAR/);
});
