import { test } from 'node:test';
import assert from 'node:assert/strict';
import { everywhere, inspect } from './helpers.js';

// Path traversal spellings that need a server's path rules to read: Tomcat's path parameters (..;x/ is ../) and the
// Vite dev server's file routes.

test('dot-dot segments with a Tomcat path parameter are traversal', () => {
  for (const p of ['..;/..;/admin/console', '..;jsessionid=1/..;/manager/html', '..;.\\.;\\.', '/app/..;x/..;y/secret']) {
    for (const r of everywhere(p)) assert.ok(inspect(r).findings.some((f) => f.rule === 'lfi.path-traversal'), `${p} ${JSON.stringify(r)}`);
  }
  assert.ok(inspect({ path: '/api/..;/..;/actuator/env' }).attack);
});

test('Vite dev-server file routes in the URL path are flagged', () => {
  for (const path of ['/@fs/home/app/config.json', '/@id/__x00__?import']) {
    const res = inspect({ path: path.split('?')[0]!, query: path.split('?')[1] });
    assert.ok(res.findings.some((f) => f.rule === 'lfi.dev-server-file') && res.attack, `${path} → ${JSON.stringify(res.findings)}`);
  }
  assert.equal(inspect({ path: '/api/users/@id/profile' }).attack, false);
});

test('dots and semicolons in prose are not traversal', () => {
  for (const b of ['wait..; then go/home', 'so..;)', 'items: a..; b..; c/d', 'Range 1..;5/10']) {
    for (const r of everywhere(b)) assert.equal(inspect(r).attack, false, `${b} → ${JSON.stringify(inspect(r).findings)}`);
  }
});

test('the Windows system directory alone is a process path, its files of interest are LFI', () => {
  for (const p of ['C:\\Windows\\System32\\drivers\\etc\\hosts', 'C:\\Windows\\System32\\config\\SAM', '..\\..\\Windows\\System32\\cmd.exe', 'C:\\Windows\\win.ini']) {
    for (const r of everywhere(p)) assert.ok(inspect(r).attack, `${p} ${JSON.stringify(r).slice(0, 40)}`);
  }
  const telemetry = JSON.stringify({ process: { path: 'C:\\Windows\\System32\\svchost.exe', parent: 'C:\\Windows\\System32\\services.exe' } });
  assert.equal(inspect({ body: telemetry, contentType: 'application/json' }).attack, false);
});

test('a relative link or path mentioned in a sentence is not traversal; one reaching a file worth reading still is', () => {
  const json = (body: string) => ({ body: JSON.stringify({ comment: body }), contentType: 'application/json' });
  for (const b of [
    'For bugs and feature requests, [please create an issue](../../issues/new).',
    'Dot segments are removed without changing the target: `../x` stays `../x`, `a/../b` becomes `b` and so on.',
    'See the guide (../../docs/setup.md) for the rest of the steps and the options.',
  ])
    assert.equal(inspect(json(b)).attack, false, `${b} → ${JSON.stringify(inspect(json(b)).findings)}`);
  for (const b of [
    'hello there my friend how are you (../../../../../../etc/passwd)',
    'please read this file ../../../../etc/passwd it is nice',
    'this is a normal comment with a path a/../../../../secret',
    '../../../../../../secret/data',
  ])
    assert.ok(inspect(json(b)).attack, b);
});
