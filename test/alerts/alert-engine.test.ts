import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Alert } from '../../src/alerts/alert.js';
import { AlertEngine } from '../../src/alerts/alert-engine.js';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';
import { createSinks } from '../../src/alerts/sinks/create-sink.js';
import { parseConfig } from '../../src/config/load.js';
import { makeExchange } from '../helpers/exchange.js';
import { SEEDED_SECRETS, secretExchanges, secretNeedles } from '../helpers/secrets.js';
import { tempDir } from '../helpers/temp.js';
import { httpReceiver } from './receivers.js';

const redactor = new Redactor(compileRedactionRules(undefined));

function engine(cfg: Partial<ConstructorParameters<typeof AlertEngine>[0]> = {}) {
  const sent: [Alert, boolean][] = [];
  const recorded: Alert[] = [];
  const e = new AlertEngine({ dedup_window_s: 60, suppress: [], min_severity: 'low', ...cfg }, redactor, { send: (a, u) => sent.push([a, u]), record: (a) => recorded.push(...a) }, 60_000);
  return { e, sent, recorded };
}

test('occurrences within the dedup window update one alert: sent once, then one update with the count', async () => {
  const { e, sent, recorded } = engine();
  const t = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const ex = makeExchange({ time: t + i, ip: '198.51.100.1', route: 'users', action: 'block' });
    ids.push(ex.id);
    e.consume(ex);
  }
  e.consume(makeExchange({ time: t, ip: '198.51.100.2', route: 'users', action: 'block' }));
  e.consume(makeExchange({ time: t, ip: '198.51.100.3' }));
  assert.equal(sent.length, 2, 'one alert per actor; allowed traffic without findings raises nothing');
  const first = sent[0]![0];
  assert.deepEqual([first.type, first.rule, first.severity, first.parameter, first.route, first.count, sent[0]![1]], ['sqli', 'sqli.union', 'high', 'query:id', 'users', 1, false]);
  e.flush(t + 10);
  const update = sent.find(([a, u]) => u && a.id === first.id)![0];
  assert.equal(update.count, 5);
  assert.deepEqual(update.requestIds, ids);
  assert.equal(update.firstSeen, t);
  assert.equal(update.lastSeen, t + 4);
  assert.ok(recorded.some((a) => a.id === first.id && a.count === 5));
  e.consume(makeExchange({ time: t + 120_000, ip: '198.51.100.1', route: 'users', action: 'block' }));
  assert.notEqual(sent.at(-1)![0].id, first.id, 'after the window a new alert is raised');
  await e.close();
});

test('suppressed and below-threshold alerts are recorded but not sent; monitor-mode attacks are critical', async () => {
  const { e, sent, recorded } = engine({ suppress: [{ ip: '10.0.0.0/8', rule: 'sqli.union' }], min_severity: 'critical' });
  e.consume(makeExchange({ ip: '10.1.2.3', action: 'would-block' }));
  e.consume(makeExchange({ ip: '192.0.2.1', action: 'block' }));
  e.consume(makeExchange({ ip: '192.0.2.2', action: 'would-block' }));
  assert.equal(recorded.length, 3);
  assert.deepEqual(sent.map(([a]) => [a.actor.ip, a.severity]), [['192.0.2.2', 'critical']]);
  await e.close();
});

test('findings raise alerts too, and no seeded secret reaches a sink', async () => {
  const { dir, cleanup } = tempDir();
  const rx = await httpReceiver();
  try {
    const cfg = parseConfig(
      `upstreams: { a: { url: "http://127.0.0.1:1" } }
sinks:
  - { type: file, path: alerts.log, format: cef }
  - { type: file, path: alerts.ecs, format: ecs }
  - { type: file, path: alerts.ocsf, format: ocsf }
  - { type: file, path: alerts.leef, format: leef }
  - { type: webhook, url: "http://127.0.0.1:${rx.port}/", format: vigil, secret: s }
`,
      'x.yaml',
    );
    cfg.baseDir = dir;
    const sinks = createSinks(cfg);
    const e = new AlertEngine({ dedup_window_s: 60, suppress: [], min_severity: 'low' }, redactor, { send: (a, u) => sinks.forEach((s) => s.send(a, u)), record: () => undefined });
    const exchanges = secretExchanges();
    // an allowed exchange with a finding of its own (no detection reason) raises an alert for the finding
    exchanges[1]!.findings.push({ category: 'pii', rule: 'pii.card', severity: 'medium', confidence: 0.9, score: 3, location: 'body:card', evidence: `card=${SEEDED_SECRETS.formCard}` });
    for (const ex of exchanges) e.consume(ex);
    await e.close();
    await Promise.all(sinks.map((s) => s.close()));
    const outputs = ['alerts.log', 'alerts.ecs', 'alerts.ocsf', 'alerts.leef'].map((f) => readFileSync(join(dir, f), 'utf8'));
    outputs.push(rx.items.map((r) => r.body).join('\n'));
    assert.match(outputs[0]!, /cat=pii/, 'the finding raised an alert');
    for (const out of outputs) {
      assert.ok(out.length > 0);
      for (const secret of secretNeedles()) assert.ok(!out.includes(secret), `secret ${secret} reached a sink`);
    }
  } finally {
    await rx.close();
    cleanup();
  }
});
