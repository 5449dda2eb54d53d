import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const vigil = resolve('bin/vigil.js');

test('the demo shows allowed, refused, blocked and would-block decisions, and the report summarises the monitored ones', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
  const out = execFileSync(process.execPath, [vigil, 'demo', '--once', '--port', '0', '--api-port', '0', '--admin-port', '0'], { cwd, encoding: 'utf8' });
  const lines = out.split('\n').filter((l) => /^(ALLOW|BLOCK|WOULD-BLOCK)/.test(l));
  const find = (re: RegExp) => lines.find((l) => re.test(l));
  assert.ok(find(/^ALLOW\s+200 GET\s+\/api\/products\?q=select%20specialty%20hospital/), out);
  assert.ok(find(/^BLOCK\s+401 GET\s+\/api\/orders auth\.jwt\.missing/), out);
  assert.ok(find(/^BLOCK\s+403 GET\s+\/api\/products\?q=x%27%20UNION.* sqli\./), out);
  assert.ok(find(/^BLOCK\s+400 POST\s+\/api\/orders schema\./), out);
  assert.ok(find(/^BLOCK\s+403 GET\s+\/admin\/stats ip\.not-allowed/), out);
  assert.ok(find(/^WOULD-BLOCK 200 POST\s+\/api\/reviews xss\..*\(monitor\)/), out);
  assert.ok(find(/^BLOCK\s+429 POST\s+\/api\/login ratelimit\.exceeded/), out);

  const report = JSON.parse(execFileSync(process.execPath, [vigil, 'report', 'would-block', '--events', join(cwd, 'vigil-events.jsonl'), '--json'], { encoding: 'utf8' })) as {
    rows: { route: string; control: string; wouldBlock: number }[];
  };
  assert.deepEqual(
    report.rows.map((r) => [r.route, r.control, r.wouldBlock]),
    [['reviews', 'detect', 1]],
  );
});
