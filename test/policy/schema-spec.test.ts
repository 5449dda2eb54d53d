import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, SpecError } from '../../src/policy/schema/index.js';

// dist/test/policy → /work/shared/corpora/openapi
const corpora = fileURLToPath(new URL('../../../../shared/corpora/openapi/', import.meta.url));

function template(spec: ReturnType<typeof loadSpec>, method: string, path: string): string | undefined {
  const m = spec.match(method, path);
  return m.kind === 'operation' ? m.operation.template : undefined;
}

test('Spotify (OpenAPI 3.0.3 YAML) loads and matches real paths under the /v1 server base', () => {
  const spec = loadSpec(join(corpora, 'spotify-web-api.yml'));
  assert.equal(spec.version, '3.0.3');
  assert.deepEqual(spec.basePaths, ['/v1']);
  assert.equal(spec.operations.length, 97);
  assert.equal(template(spec, 'GET', '/v1/albums/4aawyAB9vmqN3uQ7FjRGTy'), '/albums/{id}');
  assert.equal(template(spec, 'GET', '/v1/me/albums'), '/me/albums');
  assert.equal(template(spec, 'GET', '/v1/browse/categories/dinner/playlists'), '/browse/categories/{category_id}/playlists');
  const m = spec.match('GET', '/v1/albums/4aawyAB9vmqN3uQ7FjRGTy');
  assert.equal(m.kind === 'operation' && m.params.id, '4aawyAB9vmqN3uQ7FjRGTy');
  assert.equal(spec.match('GET', '/albums/4aawyAB9vmqN3uQ7FjRGTy').kind, 'unknown-path');
  assert.equal(spec.match('DELETE', '/v1/albums/x').kind, 'method-not-allowed');
});

test('Twilio (OpenAPI 3.0.1 JSON) loads and matches nested SID paths', () => {
  const spec = loadSpec(join(corpora, 'twilio_conversations_v1.json'));
  assert.equal(spec.version, '3.0.1');
  assert.equal(spec.operations.length, 103);
  const path = '/v1/Conversations/CH0123456789abcdef0123456789abcdef/Messages/IM0123456789abcdef0123456789abcdef';
  assert.equal(template(spec, 'GET', path), '/v1/Conversations/{ConversationSid}/Messages/{Sid}');
  assert.equal(template(spec, 'POST', '/v1/Conversations'), '/v1/Conversations');
});

test('Slack (Swagger 2.0) loads with its /api base path and static RPC paths', () => {
  const spec = loadSpec(join(corpora, 'slack_web_swagger2.json'));
  assert.equal(spec.version, '2.0');
  assert.deepEqual(spec.basePaths, ['/api']);
  assert.equal(spec.operations.length, 174);
  assert.equal(template(spec, 'POST', '/api/chat.postMessage'), '/chat.postMessage');
  assert.equal(spec.match('POST', '/api/chat.postMessages').kind, 'unknown-path');
});

test('every shipped corpus spec loads', () => {
  for (const f of ['twilio_messaging_v2.json', 'twilio_serverless_v1.json', 'twilio_lookups_v2.json']) assert.ok(loadSpec(join(corpora, f)).operations.length > 0, f);
});

function writeSpec(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-spec-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('load errors name the file and what is wrong', () => {
  assert.throws(() => loadSpec('/nonexistent/api.yaml'), (e: unknown) => e instanceof SpecError && /\/nonexistent\/api\.yaml: cannot read \(ENOENT\)/.test(e.message));
  const notApi = writeSpec('x.yaml', 'title: hello\n');
  assert.throws(() => loadSpec(notApi), /x\.yaml: is not an OpenAPI document \(no "openapi" or "swagger"/);
  const badYaml = writeSpec('bad.yaml', 'openapi: 3.0.0\npaths:\n  /a: [\n');
  assert.throws(() => loadSpec(badYaml), /bad\.yaml: line \d+: invalid YAML\/JSON/);
  const badRef = writeSpec('ref.yaml', 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      parameters:\n        - $ref: "#/components/parameters/nope"\n      responses: {}\n');
  assert.throws(() => loadSpec(badRef), /ref\.yaml: paths\.\/a\.get\.parameters\[0\]: \$ref "#\/components\/parameters\/nope" does not resolve/);
  const external = writeSpec('ext.yaml', 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    $ref: "other.yaml#/paths/a"\n');
  assert.throws(() => loadSpec(external), /points outside the document/);
  const version = writeSpec('v.json', '{"openapi": "4.0.0", "paths": {}}');
  assert.throws(() => loadSpec(version), /v\.json: openapi: version "4\.0\.0" is not supported/);
});
