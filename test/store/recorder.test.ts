import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';
import { Recorder, type RecorderOptions } from '../../src/store/recorder/recorder.js';
import { toRecordRow } from '../../src/store/record.js';
import { makeExchange } from '../helpers/exchange.js';
import { tempDir } from '../helpers/temp.js';

const redactor = new Redactor(compileRedactionRules(undefined));

function recorder(dir: string, extra: Partial<RecorderOptions> = {}): Recorder {
  return new Recorder({
    path: join(dir, 'v.db'),
    redactor,
    record: { maxBodyChars: 1024, headers: true },
    maxQueued: 2000,
    journalMaxBytes: 64 << 20,
    replayIntervalMs: 50,
    log: () => undefined,
    ...extra,
  });
}

function countRows(dir: string): { rows: number; distinct: number } {
  const db = new Database(join(dir, 'v.db'), { readonly: true });
  const r = db.prepare('SELECT count(*) AS rows, count(DISTINCT id) AS distinct_ids FROM exchanges').get() as { rows: number; distinct_ids: number };
  db.close();
  return { rows: r.rows, distinct: r.distinct_ids };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a store locked by another connection fails writes; everything spills, replays and lands exactly once', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const rec = recorder(dir, { busyTimeoutMs: 20 });
    const ids = new Set<string>();
    const feed = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const ex = makeExchange({ ip: `10.0.${i % 200}.${i % 250}` });
        ids.add(ex.id);
        rec.consume(ex);
        if (i % 500 === 0) await sleep(1);
      }
    };
    await feed(3000);
    await sleep(100);
    const locker = new Database(join(dir, 'v.db'));
    locker.exec('BEGIN EXCLUSIVE');
    await feed(6000);
    await sleep(300);
    locker.exec('COMMIT');
    locker.close();
    await feed(3000);
    await rec.close();
    assert.ok(rec.stats.spilled > 0, 'some rows went through the journal');
    assert.ok(rec.stats.writeFailures > 0);
    assert.equal(rec.stats.dropped, 0);
    assert.deepEqual(countRows(dir), { rows: ids.size, distinct: ids.size });
    assert.deepEqual(readdirSync(join(dir, 'v.db.journal')), [], 'the journal is empty after replay');
  } finally {
    cleanup();
  }
});

test('a writer thread that dies loses nothing: unconfirmed batches are replayed after the restart', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const rec = recorder(dir, { faultExitOnBatch: 3, batchSize: 200 });
    const ids: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const ex = makeExchange();
      ids.push(ex.id);
      rec.consume(ex);
      if (i % 400 === 0) await sleep(5);
    }
    await sleep(300);
    await rec.close();
    assert.ok(rec.stats.spilled > 0, 'the batches the thread took down were journaled');
    assert.equal(rec.stats.dropped, 0);
    assert.deepEqual(countRows(dir), { rows: ids.length, distinct: ids.length });
  } finally {
    cleanup();
  }
});

test('a bounded journal counts and reports what it cannot keep', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const losses: [number, string][] = [];
    const rec = recorder(dir, { busyTimeoutMs: 10, journalMaxBytes: 400_000, onLoss: (n, why) => losses.push([n, why]) });
    const locker = new Database(join(dir, 'v.db'));
    locker.exec('BEGIN EXCLUSIVE');
    for (let i = 0; i < 4000; i++) rec.consume(makeExchange());
    await sleep(200);
    locker.exec('COMMIT');
    locker.close();
    await rec.close();
    const lost = losses.reduce((a, [n]) => a + n, 0);
    assert.ok(lost > 0);
    assert.equal(rec.stats.dropped, lost);
    assert.ok(losses.every(([, why]) => why === 'journal_full'));
    assert.ok(countRows(dir).rows > 0);
    assert.equal(countRows(dir).rows + lost, 4000, 'every exchange is either recorded or counted as lost');
  } finally {
    cleanup();
  }
});

test('a journal left by a process that died is replayed by the next recorder', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const rows = Array.from({ length: 500 }, () => toRecordRow(makeExchange(), redactor, { maxBodyChars: 0, headers: false }));
    mkdirSync(join(dir, 'v.db.journal'));
    // the last line is torn, as after a crash mid-write: it is counted, the rest goes in
    writeFileSync(join(dir, 'v.db.journal', `journal-${dead.stdout}-x-0.jsonl`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n{"id":"tor');
    const rec = recorder(dir);
    await rec.close();
    assert.equal(countRows(dir).rows, 500);
    assert.equal(rec.stats.dropped, 1);
    assert.deepEqual(readdirSync(join(dir, 'v.db.journal')), []);
  } finally {
    cleanup();
  }
});
