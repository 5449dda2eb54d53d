import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const fixture = resolve(root, 'test/fixtures/detect/small.har');

function vigil(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [resolve(root, 'bin/vigil.js'), 'inspect', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('vigil inspect --json prints one line per entry, in order, in the documented shape', () => {
  const r = vigil(fixture, '--json');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 4);
  lines.forEach((l, i) => {
    assert.deepEqual(Object.keys(l), ['index', 'attack', 'score', 'findings']);
    assert.equal(l.index, i);
    for (const f of l.findings as Record<string, unknown>[]) assert.deepEqual(Object.keys(f), ['category', 'rule', 'location', 'evidence']);
  });
  assert.deepEqual(lines.map((l) => l.attack), [false, true, true, false]);
  assert.match(r.stderr, /entry 3 skipped/);
});

test('vigil inspect: table output, options and errors', () => {
  const t = vigil(fixture);
  assert.equal(t.status, 0);
  assert.match(t.stdout, /4 request\(s\): 2 attack\(s\)/);
  assert.equal(JSON.parse(vigil(fixture, '--json', '--threshold', '1000').stdout.split('\n')[1]!).attack, false);
  assert.equal(vigil(fixture, '--paranoia', '9').status, 2);
  const bad = vigil(resolve(root, 'package.json'));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /package\.json: not a HAR/);
});
