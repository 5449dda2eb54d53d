import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { checkOpenApi31 } from '../../src/discover/openapi-check.js';
import { loadSpec } from '../../src/policy/schema/index.js';
import { tempDir } from '../helpers/temp.js';
import { discoverCommand } from '../../src/cli/commands/discover.js';
import { UsageError } from '../../src/cli/command.js';

const root = resolve(import.meta.dirname, '../../..');
const har = resolve(root, 'test/fixtures/discover/shop.har');
const spec = resolve(root, 'test/fixtures/discover/shop-openapi.yaml');

function vigil(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [resolve(root, 'bin/vigil.js'), 'discover', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('vigil discover --json: endpoints and findings in the documented shape', () => {
  const r = vigil(har, '--spec', spec, '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { endpoints: Record<string, unknown>[]; findings: Record<string, unknown>[] };
  for (const e of out.endpoints) for (const k of ['method', 'host', 'path', 'status', 'sources', 'auth', 'sensitive', 'requests']) assert.ok(k in e, k);
  for (const f of out.findings) assert.deepEqual(Object.keys(f), ['type', 'severity', 'method', 'path', 'detail']);
  const shadow = out.endpoints.find((e) => e.status === 'shadow')!;
  assert.equal(shadow.path, '/v2/admin/dump');
  assert.deepEqual((shadow.sensitive as { class: string }[]).map((s) => s.class).sort(), ['iban', 'us-ssn']);
  const post = out.endpoints.find((e) => e.method === 'POST')!;
  assert.deepEqual(post.fields, [
    { location: 'body:/item', types: ['string'], samples: 4, of: 4 },
    { location: 'body:/quantity', types: ['integer'], samples: 4, of: 4 },
    { location: 'body:/card', types: ['string'], samples: 4, of: 4 },
    { location: 'response 201:/id', types: ['integer'], samples: 4, of: 4 },
  ]);
  const users = out.endpoints.find((e) => e.path === '/v2/users/{userId}')!;
  assert.deepEqual(users.auth, ['none']);
  assert.deepEqual(out.findings.map((f) => f.type).sort(), ['auth-mismatch', 'drift', 'orphan', 'shadow', 'zombie', 'zombie']);
});

test('vigil discover: readable report, --markdown and --openapi files', () => {
  const tmp = tempDir('vigil-discover-');
  try {
    const md = join(tmp.dir, 'report.md');
    const oas = join(tmp.dir, 'api.yaml');
    const r = vigil(har, '--spec', spec, '--markdown', md, '--openapi', oas);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /8 endpoints \(2 zombie, 1 shadow, 4 documented, 1 orphan\), 6 findings/);
    assert.match(readFileSync(md, 'utf8'), /\| critical \| auth-mismatch \| `GET \/v2\/users\/\{userId\}` \|/);
    assert.deepEqual(checkOpenApi31(parse(readFileSync(oas, 'utf8'))), []);
    assert.equal(loadSpec(oas).operations.length, 7);
  } finally {
    tmp.cleanup();
  }
});

test('vigil discover: unreadable captures and specs exit 2, no capture is a usage error', async () => {
  const quiet = console.error;
  console.error = () => {};
  try {
    assert.equal(await discoverCommand.run([join(root, 'missing.har')]), 2);
    assert.equal(await discoverCommand.run([har, '--spec', join(root, 'missing.yaml'), '--json']), 2);
    await assert.rejects(discoverCommand.run([]), UsageError);
  } finally {
    console.error = quiet;
  }
});
