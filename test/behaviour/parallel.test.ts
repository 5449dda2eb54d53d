import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeHarFile } from '../../src/behaviour/analyze-file.js';
import { analysisReport } from '../../src/behaviour/report.js';
import { loadRules } from '../../src/behaviour/rule-load.js';
import { harChunks } from '../../bench/sim/har-entry.js';
import { simulate } from '../../bench/sim/simulate.js';

test('analyze with worker threads gives exactly the single-threaded result on a simulated capture', async () => {
  const sim = simulate({ seed: 11, users: 200, hours: 3, sessionsPerUser: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'vigil-parallel-'));
  const file = join(dir, 'sim.har');
  let text = [...harChunks(sim.events)].join('');
  // a malformed entry: problems and entry indices must match too
  text = text.replace('"entries":[\n', '"entries":[\n{"request":"broken"},\n');
  writeFileSync(file, text);
  const rules = loadRules();
  const serial = await analyzeHarFile(file, rules, { workers: 0 });
  assert.ok(serial.alerts.length > 0, 'the capture raises alerts');
  const serialDoc = JSON.stringify(analysisReport(serial.alerts));
  for (const workers of [1, 3]) {
    const par = await analyzeHarFile(file, rules, { workers });
    assert.equal(par.entries, serial.entries);
    assert.deepEqual(par.problems, serial.problems);
    assert.equal(JSON.stringify(analysisReport(par.alerts)), serialDoc, `${workers} worker(s)`);
    assert.deepEqual(par.analyzer.engine.groupCounts(), serial.analyzer.engine.groupCounts());
  }
});
