import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRules } from '../../src/behaviour/rule-load.js';
import { scoreSimulation } from '../../bench/sim/score.js';
import { simulate } from '../../bench/sim/simulate.js';

test('a small simulation: every attack scenario is detected, false alerts stay within 5 per 100k benign', () => {
  const sim = simulate({ seed: 7, users: 250, hours: 3, sessionsPerUser: 2 });
  const score = scoreSimulation(sim, loadRules());
  for (const s of score.scenarios) assert.ok(s.detected, `${s.id} not detected (alerts on it: ${s.detectedAs.join(', ') || 'none'})`);
  assert.ok(score.falsePer100k <= 5, `false alerts: ${score.falseAlerts.map((a) => a.summary).join('; ')}`);
});
