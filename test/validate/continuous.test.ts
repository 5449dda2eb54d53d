import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startShop, FIXTURES } from './setup.js';
import { runValidation } from '../../src/validate/run.js';
import { loadPlan } from '../../src/validate/plan/load-plan.js';
import { runContinuous, type RegressionAlert } from '../../src/validate/continuous.js';

test('continuous mode stores every run and alerts, with the diff, when a passing control starts failing', async () => {
  const shop = await startShop();
  const state = join(shop.dir, 'state');
  const alerts: (RegressionAlert | undefined)[] = [];
  try {
    const runs = await runContinuous({
      everyMs: 10,
      stateDir: state,
      maxRuns: 2,
      run: () => runValidation({ target: shop.target, config: shop.reference, plan: loadPlan(join(FIXTURES, 'plan.yaml')), ratePerSecond: 5000, controls: ['authentication'] }),
      onRun: async (_report, alert, n) => {
        alerts.push(alert);
        // between the runs someone drops auth on the order route
        if (n === 1) await shop.reloadWith((y) => y.replace(/(name: order\n.*\n) {4}auth: \{ jwt: shop \}\n/, '$1'));
      },
    });
    assert.equal(runs, 2);
    assert.equal(readdirSync(state).filter((f) => f.startsWith('run-')).length, 2);
    assert.equal(alerts[0], undefined, 'the first run has nothing to compare with');
    const alert = alerts[1];
    assert.ok(alert);
    assert.equal(alert.type, 'validate.control-regressed');
    const regressed = alert.diff.regressed.map((c) => c.id);
    assert.ok(regressed.includes('authentication.order.no-credential'), regressed.join(' '));
    assert.ok(regressed.every((id) => id.startsWith('authentication.order.')), 'only the broken route regressed');
    const change = alert.diff.regressed.find((c) => c.id === 'authentication.order.no-credential')!;
    assert.deepEqual([change.before, change.after], ['pass', 'fail']);
    assert.match(change.evidence!.join('\n'), /-> 200/);
    const lines = readFileSync(join(state, 'alerts.jsonl'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 1);
    assert.equal((JSON.parse(lines[0]!) as RegressionAlert).run_id, alert.run_id);
  } finally {
    await shop.close();
  }
});
