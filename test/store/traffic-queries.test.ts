import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { filterFrom, parseStatus, parseTime } from '../../src/cli/traffic/filter-options.js';
import { formatTraffic } from '../../src/cli/traffic/output.js';
import { UsageError } from '../../src/cli/command.js';
import { SqliteTrafficStore } from '../../src/store/sqlite/sqlite-store.js';
import { actorTimeline } from '../../src/store/timeline.js';
import { toRecordRow } from '../../src/store/record.js';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';
import { makeExchange } from '../helpers/exchange.js';
import { tempDir } from '../helpers/temp.js';
import type { Alert } from '../../src/alerts/alert.js';

const redactor = new Redactor(compileRedactionRules(undefined));

test('command-line filters are validated once', () => {
  const now = Date.parse('2026-01-02T00:00:00Z');
  assert.equal(parseTime('2h', '--since', now), now - 7_200_000);
  assert.equal(parseTime('2026-01-01T00:00:00Z', '--since'), Date.parse('2026-01-01T00:00:00Z'));
  assert.deepEqual(parseStatus('5xx'), [500, 599]);
  assert.deepEqual(parseStatus('400-404'), [400, 404]);
  assert.throws(() => parseStatus('teapot'), UsageError);
  assert.throws(() => filterFrom({ ip: '10.0.0.0/99' }), UsageError);
  assert.throws(() => filterFrom({ decision: 'maybe' }), UsageError);
  assert.deepEqual(filterFrom({ ip: '10.0.0.0/8', decision: 'block', status: '403' }), { ip: '10.0.0.0/8', decision: 'block', status: 403 });
});

test('output formats: CSV quotes and neutralises formulas; HAR is valid 1.2; JSON lines parse', async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteTrafficStore(join(dir, 't.db'));
  try {
    await store.insert([toRecordRow(makeExchange({ url: '/a?x=1', headers: { 'user-agent': '=HYPERLINK("http://evil")' } }), redactor, { maxBodyChars: 100, headers: true })]);
    const records = await store.find({}, { limit: 10, order: 'asc' });
    const csv = formatTraffic(records, 'csv').split('\n');
    assert.equal(csv.length, 2);
    assert.ok(csv[1]!.endsWith(`"'=HYPERLINK(""http://evil"")"`));
    const har = JSON.parse(formatTraffic(records, 'har')) as { log: { version: string; entries: { request: { url: string } }[] } };
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.entries[0]!.request.url, 'http://api.example.test/a?x=1');
    assert.equal((JSON.parse(formatTraffic(records, 'jsonl')) as { path: string }).path, '/a');
    assert.match(formatTraffic(records, 'table'), /^TIME +CLIENT/);
  } finally {
    await store.close();
    cleanup();
  }
});

test("a timeline interleaves an actor's exchanges and alerts in time order", async () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteTrafficStore(join(dir, 't.db'));
  try {
    const t = Date.parse('2026-01-01T00:00:00Z');
    const rows = [0, 1000, 2000].map((d) => toRecordRow(makeExchange({ time: t + d, ip: '198.51.100.9', action: d === 1000 ? 'block' : 'allow' }), redactor, { maxBodyChars: 0, headers: false }));
    rows.push(toRecordRow(makeExchange({ time: t + 1500, ip: '198.51.100.10' }), redactor, { maxBodyChars: 0, headers: false }));
    await store.insert(rows);
    const alert: Alert = {
      id: 'al1', type: 'sqli', severity: 'high', control: 'detect.sqli', rule: 'sqli.union', message: 'SQL injection', parameter: 'query:id',
      actor: { ip: '198.51.100.9' }, action: 'block', requestIds: [rows[1]!.id], firstSeen: t + 1000, lastSeen: t + 1000, count: 1,
    };
    await store.upsertAlerts([alert]);
    await store.upsertAlerts([{ ...alert, count: 3, lastSeen: t + 2000 }]);
    const entries = await actorTimeline(store, { ip: '198.51.100.9' }, 100);
    assert.deepEqual(entries.map((e) => e.kind), ['exchange', 'exchange', 'alert', 'exchange']);
    const stored = entries.find((e) => e.kind === 'alert');
    assert.equal(stored?.kind === 'alert' && stored.alert.count, 3);
  } finally {
    await store.close();
    cleanup();
  }
});
