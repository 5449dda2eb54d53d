import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCommand } from '../../src/cli/commands/analyze.js';

function entry(i: number, user: string, status: number): unknown {
  return {
    startedDateTime: new Date(Date.parse('2026-01-01T10:00:00Z') + i * 20_000).toISOString(),
    _clientIP: `203.0.113.${i}`,
    request: { method: 'POST', url: 'https://api.example/v1/login', headers: [{ name: 'User-Agent', value: 'x "quoted" {brace} \\ back' }], postData: { mimeType: 'application/json', text: JSON.stringify({ username: user, password: 'a"}\\' }) } },
    response: { status, headers: [], content: { size: 0 } },
  };
}

test('vigil analyze --json prints one document with alerts, HAR entry evidence and incidents', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-analyze-'));
  const file = join(dir, 'c.har');
  const entries = Array.from({ length: 20 }, (_, i) => entry(i, 'bob', 401));
  entries.splice(3, 0, { request: 'broken' });
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', entries } }));
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  const err = console.error;
  // the test runner reports through stdout too: keep only the command's document
  process.stdout.write = ((s: unknown) => (typeof s === 'string' && (out || s.startsWith('{"alerts"')) ? ((out += s), true) : write(s as string))) as typeof process.stdout.write;
  console.error = () => {};
  try {
    assert.equal(await analyzeCommand.run([file, '--json', '--no-signatures']), 0);
  } finally {
    process.stdout.write = write;
    console.error = err;
  }
  const doc = JSON.parse(out) as { alerts: { type: string; entries: number[]; actor: { ips: string[] } }[]; incidents: unknown[] };
  const bf = doc.alerts.find((a) => a.type === 'brute-force');
  assert.ok(bf, out);
  assert.ok(!bf.entries.includes(3), 'the malformed entry is no evidence');
  assert.ok(bf.entries.every((i) => i >= 0 && i <= 20));
  assert.ok(bf.actor.ips.length >= 15);
  assert.ok(doc.incidents.length >= 1);
});
