import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectExchange } from '../../src/detect/engine.js';
import { requestBody } from '../../src/exchange/body.js';
import { warmUpDetection, warmUpSamples } from '../../src/detect/warm-up.js';

test('warm-up: its samples are ordinary requests of each body kind, clean at paranoia 1 and 2', () => {
  const samples = warmUpSamples();
  assert.deepEqual(samples.map((ex) => requestBody(ex).kind).sort(), ['form', 'json', 'none', 'text']);
  for (const ex of samples)
    for (const paranoia of [1, 2]) {
      const r = inspectExchange(ex, { paranoia });
      assert.equal(r.attack, false, `${ex.request.method} ${ex.request.url} at paranoia ${paranoia}: ${JSON.stringify(r.findings)}`);
    }
  assert.ok(warmUpDetection([1, 2, 2]) >= 0);
});
