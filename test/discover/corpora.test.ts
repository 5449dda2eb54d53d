import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scoreTemplating } from '../../bench/discovery/evaluate.js';
import { scoreSpecDiff } from '../../bench/discovery/spec-diff.js';
import { corpora } from './helpers.js';

// Traffic synthesised from real specs, discovered without them: templates match back, shadows and orphans exact.

for (const name of ['twilio_conversations_v1.json', 'twilio_serverless_v1.json', 'slack_web_swagger2.json']) {
  test(`${name}: endpoint precision and recall ≥ 98%`, () => {
    const s = scoreTemplating(join(corpora, name));
    assert.ok(s.precision >= 0.98, `precision ${s.precision}: extra ${s.extra.join(', ')}`);
    assert.ok(s.recall >= 0.98, `recall ${s.recall}: missed ${s.missed.join(', ')}`);
  });

  test(`${name}: shadow and orphan findings name exactly the 3 added and 3 removed endpoints`, () => {
    const d = scoreSpecDiff(join(corpora, name));
    assert.deepEqual(d.shadows, d.added);
    assert.deepEqual(d.orphans, d.removed);
  });
}
