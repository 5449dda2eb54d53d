import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { escapeHtml, htmlReport } from '../../src/discover/report-html.js';
import type { DiscoveryReport } from '../../src/discover/report-model.js';
import { tempDir } from '../helpers/temp.js';

const root = resolve(import.meta.dirname, '../../..');

function vigil(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [resolve(root, 'bin/vigil.js'), 'discover', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Markup a page may hold: the document's own tags. Anything else (script, img, svg, iframe, event handlers) fails. */
function assertNoActiveContent(html: string): void {
  assert.doesNotMatch(html, /<script|<img|<svg|<iframe|<link|<a\s|\son\w+=|javascript:|src=|href=/i);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
}

test('escapeHtml: the five characters that matter in text and attributes', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('vigil discover --html: a path and a query parameter carrying markup come out escaped, the page holds no script', () => {
  const tmp = tempDir('vigil-html-');
  try {
    const har = join(tmp.dir, 'evil.har');
    const entry = {
      startedDateTime: '2026-02-02T10:00:00.000Z',
      time: 8,
      request: {
        method: 'GET',
        url: 'https://evil.example.test/search/<script>alert(1)</script>?<img src=x onerror=alert(2)>=1',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'host', value: 'evil.example.test' }],
        queryString: [],
      },
      response: { status: 200, statusText: '', httpVersion: 'HTTP/1.1', headers: [], content: { size: 0, mimeType: 'text/plain', text: '' } },
    };
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [entry] } }));
    const out = join(tmp.dir, 'report.html');
    const r = vigil(har, '--html', out);
    assert.equal(r.status, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    assertNoActiveContent(html);
    assert.ok(html.includes('<code>/search/&lt;script&gt;alert(1)&lt;/script&gt;</code>'), html);
    assert.ok(html.includes('<code>query:&lt;img src</code>'), html);
  } finally {
    tmp.cleanup();
  }
});

test('vigil discover --html with a spec and code: summary per status, endpoint table, findings grouped by severity', () => {
  const tmp = tempDir('vigil-html-');
  try {
    const out = join(tmp.dir, 'report.html');
    const fixtures = resolve(root, 'test/fixtures/discover');
    const r = vigil(join(fixtures, 'bookshelf.har'), '--spec', join(fixtures, 'bookshelf-openapi.yaml'), '--code', join(fixtures, 'apps/hono'), '--html', out);
    assert.equal(r.status, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    assertNoActiveContent(html);
    const cards = [...html.matchAll(/<div class="card[^"]*"><b>(\d+)<\/b>(\w+)<\/div>/g)].map((m) => `${m[2]} ${m[1]}`);
    assert.deepEqual(cards, ['endpoints 18', 'documented 3', 'shadow 6', 'orphan 2', 'unused 7', 'findings 16']);
    const severities = [...html.matchAll(/<h3><span class="tag (\w+)">\w+<\/span> (\d+)<\/h3>/g)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(severities, ['high 2', 'medium 4', 'low 10']);
    assert.equal(html.match(/<tr><td><code>/g)?.length, 18);
    assert.equal(html.match(/<tr><td>[\w-]+<\/td><td><code>/g)?.length, 16);
    assert.match(html, /<tr><td><code>GET<\/code><\/td><td><code>\/api\/books\/\{bookId\}<\/code><\/td><td>books\.example\.test<\/td><td><span class="tag documented">documented<\/span><\/td><td>traffic, spec, code<\/td><td><code>path:bookId<\/code><\/td><td class="num">4<\/td><td class="num">0\.0%<\/td><td>bearer<\/td><td>-<\/td><td><code>src\/routes\/books\.ts:8<\/code><\/td><\/tr>/);
  } finally {
    tmp.cleanup();
  }
});

test('htmlReport: every report value is escaped, whatever field it sits in', () => {
  const evil = '<script>x</script>"\'&';
  const report: DiscoveryReport = {
    endpoints: [
      {
        method: evil,
        host: evil,
        path: evil,
        status: 'shadow',
        sources: ['traffic'],
        auth: [],
        sensitive: [],
        requests: 1,
        errorRate: 0,
        statuses: {},
        parameters: [{ name: evil, in: 'header', required: true, schema: {}, samples: 1 }],
        responses: {},
        fields: [],
        code: [{ file: evil, line: 1, framework: 'hono' }],
      },
    ],
    findings: [{ type: 'drift', severity: 'medium', method: evil, path: evil, detail: evil }],
  };
  const html = htmlReport(report, evil);
  assertNoActiveContent(html);
  assert.ok(!html.includes(evil));
  assert.equal(html.split(escapeHtml(evil)).length - 1, 2 /* title */ + 4 /* method, host, path, code */ + 1 /* parameter */ + 3 /* finding method, path, detail */);
});
