import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownCode, markdownText, terminalText } from '../../src/report/escape.js';
import { markdownReport, textReport } from '../../src/discover/report-text.js';
import type { EndpointEntry } from '../../src/discover/report-model.js';

test('terminal text: control characters (ESC, C1 CSI, NUL) are shown, not sent; line breaks become spaces', () => {
  assert.equal(terminalText('/a\x1b[2J\x9b31m\x00b\r\nc'), '/a\\x1b[2J\\x9b31m\\x00b  c');
  assert.equal(terminalText('/api/users/42?q=ok'), '/api/users/42?q=ok');
});

test('markdown: traffic text cannot become a link, an image, HTML or a new table cell', () => {
  const cell = markdownText('<img src=https://evil.example/x> ![a](https://evil.example/p.png) [x](javascript:alert(1)) a|b');
  assert.ok(!/<img|!\[|\]\(|[^\\]\|/.test(cell), cell);
  assert.equal(markdownCode('/a`<b>`|c'), '`/a%60<b>%60\\|c`');
});

test('discovery reports escape paths and hosts seen in traffic', () => {
  const endpoint: EndpointEntry = {
    method: 'GET', host: 'evil.example<img src=//x>', path: '/x`](javascript:alert(1))|\x1b[31m', status: 'shadow', sources: ['traffic'], auth: [], sensitive: [],
    requests: 1, errorRate: 0, statuses: { '200': 1 }, parameters: [], responses: {}, fields: [],
  };
  const report = { endpoints: [endpoint], findings: [{ type: 'shadow' as const, severity: 'high' as const, method: 'GET', path: endpoint.path, detail: 'seen <b>1</b> time' }] };
  const md = markdownReport(report);
  assert.ok(!md.includes('<img') && !md.includes('<b>') && !md.includes('\x1b'), md);
  assert.equal(md.split('\n').filter((l) => l.startsWith('| GET')).every((l) => l.split(/(?<!\\)\|/).length === 12), true, md);
  assert.ok(!textReport(report).includes('\x1b'));
});
