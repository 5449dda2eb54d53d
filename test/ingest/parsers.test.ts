import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNginxJson } from '../../src/capture/ingest/nginx-json.js';
import { parseNginxCombined, parseTimeLocal } from '../../src/capture/ingest/nginx-combined.js';
import { parseEnvoyJson } from '../../src/capture/ingest/envoy-json.js';
import { detectFormat } from '../../src/capture/ingest/log-formats.js';
import { accessEntryToExchange, derivedId } from '../../src/capture/ingest/access-entry.js';
import { ClientIpResolver } from '../../src/net/client-ip.js';

test('nginx JSON: the documented log_format, with start time from msec - request_time', () => {
  const r = parseNginxJson(
    '{"time":"2026-11-25T10:00:01+00:00","msec":"1795600801.500","request_id":"abc123def456","remote_addr":"10.0.0.9","x_forwarded_for":"198.51.100.4","method":"POST","uri":"/api/users?id=7","protocol":"HTTP/2.0","host":"api.example","scheme":"https","status":201,"request_length":350,"body_bytes_sent":12,"request_time":0.250,"upstream_response_time":"0.100, 0.200","http_user_agent":"curl/8","http_referer":"","content_type":"application/json"}',
  );
  assert.ok(r.ok);
  assert.equal(r.entry.time, 1795600801250);
  assert.equal(r.entry.httpVersion, '2.0');
  assert.equal(r.entry.upstreamMs, 200);
  assert.equal(r.entry.referer, undefined);
  const ex = accessEntryToExchange(r.entry, r.entry.requestId!, 'ingest', new ClientIpResolver(['10.0.0.0/8'], ['x-forwarded-for']));
  assert.equal(ex.client.ip, '198.51.100.4', 'X-Forwarded-For is believed from a trusted proxy');
  assert.equal(ex.client.peerIp, '10.0.0.9');
  assert.equal(ex.request.path, '/api/users');
  assert.equal(ex.request.query, 'id=7');
  assert.equal(ex.response?.status, 201);
  const untrusted = accessEntryToExchange(r.entry, 'x', 'ingest', new ClientIpResolver([], ['x-forwarded-for']));
  assert.equal(untrusted.client.ip, '10.0.0.9');
});

test('nginx JSON: malformed records say what is wrong', () => {
  assert.match((parseNginxJson('{"remote_addr":"1.2.3.4"') as { problem: string }).problem, /not JSON/);
  assert.match((parseNginxJson('{"msec":"1","remote_addr":"nope","method":"GET","uri":"/","status":200}') as { problem: string }).problem, /not an IP/);
  assert.match((parseNginxJson('{"msec":"1","remote_addr":"1.2.3.4","method":"GET","uri":"/","status":999}') as { problem: string }).problem, /status/);
  assert.match((parseNginxJson('{"msec":"1","remote_addr":"1.2.3.4","request":"\\u0016\\u0003\\u0001","status":400}') as { problem: string }).problem, /request line/);
});

test('nginx combined: time zones, \\x escapes, absolute-form targets, optional X-Forwarded-For', () => {
  assert.equal(parseTimeLocal('10/Oct/2000:13:55:36 -0700'), Date.parse('2000-10-10T20:55:36Z'));
  const r = parseNginxCombined('203.0.113.9 - bob [25/Nov/2026:10:00:01 +0100] "GET http://h.example/a?b=%22 HTTP/1.1" 404 153 "-" "say \\x22hi\\x22" "198.51.100.1"');
  assert.ok(r.ok);
  assert.equal(r.entry.time, Date.parse('2026-11-25T09:00:01Z'));
  assert.equal(r.entry.host, 'h.example');
  assert.equal(r.entry.target, '/a?b=%22');
  assert.equal(r.entry.userAgent, 'say "hi"');
  assert.equal(r.entry.forwardedFor, '198.51.100.1');
  assert.equal(r.entry.responseBytes, 153);
  assert.ok(!parseNginxCombined('203.0.113.9 - - [25/Nov/2026:10:00:01 +0100] "\\x16\\x03\\x01" 400 0 "-" "-"').ok);
  assert.ok(!parseNginxCombined('hello').ok);
});

test('Envoy JSON: default keys, address:port, no-response records refused', () => {
  const r = parseEnvoyJson(
    '{"start_time":"2026-11-25T10:00:00.123Z","method":"GET","path":"/v1/items?id=2","protocol":"HTTP/1.1","response_code":200,"response_flags":"-","bytes_received":0,"bytes_sent":99,"duration":7,"upstream_service_time":"5","x_forwarded_for":null,"user_agent":"curl","request_id":"6f1c2a6e-1111","authority":"api","downstream_remote_address":"[2001:db8::5]:55555"}',
  );
  assert.ok(r.ok);
  assert.equal(r.entry.peerIp, '2001:db8::5');
  assert.equal(r.entry.durationMs, 7);
  assert.equal(r.entry.host, 'api');
  const noResponse = parseEnvoyJson('{"start_time":"2026-11-25T10:00:00Z","method":"GET","path":"/","response_code":0,"response_flags":"UC","downstream_remote_address":"1.2.3.4:1"}');
  assert.match((noResponse as { problem: string }).problem, /UC/);
});

test('formats are recognised from the first line; derived ids are stable', () => {
  assert.equal(detectFormat('a.log', '{"msec":"1","status":200}'), 'nginx-json');
  assert.equal(detectFormat('a.log', '{"start_time":"x","response_code":200}'), 'envoy-json');
  assert.equal(detectFormat('a.log', '1.2.3.4 - - [...'), 'nginx-combined');
  assert.equal(detectFormat('c.har', '{'), 'har');
  assert.equal(derivedId(1000, 'line', 3), derivedId(1000, 'line', 3));
  assert.notEqual(derivedId(1000, 'line', 3), derivedId(1000, 'line', 4));
});
