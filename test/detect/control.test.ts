import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetectControl, inspectExchange } from '../../src/detect/control.js';
import { runControls } from '../../src/pipeline/run-controls.js';
import { exchange } from './helpers.js';

test('the detect control refuses at the threshold with the top finding and records findings', () => {
  const control = createDetectControl({}, 'enforce');
  assert.equal(control.id, 'detect');
  assert.equal(control.phase, 'body');
  const ex = exchange({ query: `id=${encodeURIComponent('1 UNION SELECT password FROM users--')}` });
  const r = control.check(ex);
  assert.ok(r && !(r instanceof Promise));
  assert.equal(r.status, 403);
  assert.equal(r.control, 'detect');
  assert.match(r.rule, /^sqli\./);
  assert.equal(r.location, 'query:id');
  assert.ok(r.evidence);
  assert.ok(ex.findings.length > 0);
});

test('monitor mode: runControls marks would-block; clean requests pass with no findings', () => {
  const control = createDetectControl({ threshold: 5 }, 'monitor');
  const bad = exchange({ query: 'f=../../../../etc/passwd' });
  runControls(bad, [control]);
  assert.equal(bad.decision.action, 'would-block');
  const good = exchange({ query: 'q=red+shoes&page=2' });
  assert.equal(control.check(good), undefined);
  assert.equal(good.findings.length, 0);
});

test('exclusions from the config apply', () => {
  const control = createDetectControl({ exclusions: [{ location: 'body:/snippet' }] }, 'enforce');
  const ex = exchange({ body: JSON.stringify({ snippet: 'SELECT id, name FROM users WHERE id = 1' }), contentType: 'application/json' });
  assert.equal(control.check(ex), undefined);
  assert.ok(inspectExchange(exchange({ body: JSON.stringify({ snippet: "1' UNION SELECT password FROM users--" }), contentType: 'application/json' })).attack);
});
