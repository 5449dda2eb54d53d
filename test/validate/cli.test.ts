import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, policyText } from './setup.js';
import { startEchoUpstream } from '../helpers/upstream.js';
import { startVulnerableApi } from '../../src/validate/vulnerable-api.js';
import { tempDir } from '../helpers/temp.js';
import { deriveChecks, runValidation } from '../../src/validate/run.js';
import { parsePlan } from '../../src/validate/plan/load-plan.js';

function vigil(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/vigil.js', 'validate', ...args], { env: { ...process.env, VIGIL_DEMO_JWT_SECRET: 'cli-test-secret' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

test('--dry-run lists every probe with the run marker and sends nothing', async () => {
  const echo = await startEchoUpstream();
  const { dir, cleanup } = tempDir();
  try {
    const policy = join(dir, 'vigil.yaml');
    writeFileSync(policy, policyText(echo.port, join(dir, 'events.jsonl')));
    const r = await vigil(['--target', echo.url, '-c', policy, '--plan', join(FIXTURES, 'plan.yaml'), '--dry-run']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^authentication\.orders\.alg-none {2}\[authentication\]/m);
    assert.match(r.out, /^ {4}GET \/api\/products\?q=%3Cscript%3E.* \(xss in query, url\)$/m);
    assert.match(r.out, /\d+ checks, \d+ probe lines; every probe carries X-Vigil-Validate: vv-[0-9a-f]+; nothing was sent/);
    assert.equal(echo.seen.length, 0, 'a dry run sends nothing, not even logins');
  } finally {
    await echo.close();
    cleanup();
  }
});

test('a target that is not loopback needs --allow-target', async () => {
  const r = await vigil(['--target', 'http://203.0.113.9:8080', '--dry-run']);
  assert.equal(r.code, 2);
  assert.match(r.err, /target 203\.0\.113\.9:8080 is not loopback and not allowed: add --allow-target 203\.0\.113\.9/);
  const allowed = await deriveChecks({ target: 'http://203.0.113.9:8080', allowTargets: ['203.0.113.9'], ratePerSecond: 10 }, true);
  assert.equal(allowed.checks.length, 0);
  await assert.rejects(deriveChecks({ target: 'http://127.0.0.1:8080', plan: parsePlan('origin: http://10.1.2.3:3000\n'), ratePerSecond: 10 }, true), /target 10\.1\.2\.3:3000 is not loopback/);
});

test('findings exit 1 and write JUnit for CI', async () => {
  const api = await startVulnerableApi();
  const { dir, cleanup } = tempDir();
  try {
    const out = join(dir, 'validate.xml');
    const r = await vigil(['--target', api.url, '--spec', join(FIXTURES, 'vulnerable-openapi.yaml'), '--plan', join(FIXTURES, 'vulnerable-plan.yaml'), '--format', 'junit', '--out', out, '--rate', '500/s']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /checks: \d+ passed, [1-9]\d* failed/);
    const xml = readFileSync(out, 'utf8');
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="vigil validate"/);
    assert.match(xml, /<testcase classname="vigil.validate.authorization" name="authorization.bola.GET_api_notes_1">\n {6}<failure/);
  } finally {
    await api.close();
    cleanup();
  }
});

test('a broken plan is refused with its file and key, exit 2', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const plan = join(dir, 'plan.yaml');
    writeFileSync(plan, 'identities:\n  alice: { tokn: x }\n');
    const r = await vigil(['--target', 'http://127.0.0.1:9', '--plan', plan]);
    assert.equal(r.code, 2);
    assert.match(r.err, /plan\.yaml:2: identities\.alice\.tokn: is not a known setting/);
  } finally {
    cleanup();
  }
});

test('every probe reaching the API carries X-Vigil-Validate with the run id', async () => {
  const echo = await startEchoUpstream();
  try {
    const report = await runValidation({ target: echo.url, specFile: 'examples/demo/openapi.yaml', ratePerSecond: 5000, runId: 'vv-marker', controls: ['schema', 'exposure', 'attack-blocking'] });
    assert.ok(report.checks.length > 10);
    assert.ok(echo.seen.length > 100, `${echo.seen.length} requests`);
    assert.deepEqual([...new Set(echo.seen.map((s) => s.headers['x-vigil-validate']))], ['vv-marker']);
  } finally {
    await echo.close();
  }
});
