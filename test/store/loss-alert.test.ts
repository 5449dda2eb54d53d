import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseConfig } from '../../src/config/load.js';
import { recordingConsumers, RecordingOutputs } from '../../src/store/recording-consumers.js';
import { SqliteTrafficStore } from '../../src/store/sqlite/sqlite-store.js';
import { makeExchange } from '../helpers/exchange.js';
import { tempDir } from '../helpers/temp.js';

test('exchanges the recorder cannot keep are counted and raised as an alert to the sinks', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const cfg = parseConfig(
      `upstreams: { a: { url: "http://127.0.0.1:1" } }
store: { path: v.db, max_queued: 100, journal_max_mb: 0.02 }
sinks: [{ type: file, path: alerts.cef, format: cef }]
`,
      'loss.yaml',
    );
    cfg.baseDir = dir;
    await new SqliteTrafficStore(join(dir, 'v.db')).close();
    const locker = new Database(join(dir, 'v.db'));
    locker.exec('BEGIN EXCLUSIVE');
    const [outputs] = recordingConsumers(cfg);
    assert.ok(outputs instanceof RecordingOutputs);
    for (let i = 0; i < 3000; i++) outputs.consume(makeExchange());
    await new Promise((r) => setTimeout(r, 300));
    locker.exec('COMMIT');
    locker.close();
    await outputs.close();
    const stats = outputs.recorder!.stats;
    assert.ok(stats.dropped > 0);
    const alerts = readFileSync(join(dir, 'alerts.cef'), 'utf8');
    assert.match(alerts, /\|recorder\.journal_full\|/);
    const counts = [...alerts.matchAll(/cnt=(\d+)/g)].map((m) => Number(m[1]));
    assert.equal(Math.max(...counts), stats.dropped, 'the alert counts every lost exchange');
    const db = new Database(join(dir, 'v.db'), { readonly: true });
    const stored = (db.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;
    db.close();
    assert.equal(stored + stats.dropped, 3000, 'every exchange is recorded or counted as lost');
  } finally {
    cleanup();
  }
});
