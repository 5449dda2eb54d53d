import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ingestFile } from '../../src/capture/ingest/ingest-file.js';
import { defaultObserveConfig, openObservePipeline } from '../../src/capture/ingest/observe-pipeline.js';
import { tempDir } from '../helpers/temp.js';

const LINES = 200_000;

async function writeCombinedLog(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  const uas = ['curl/8.5', 'Mozilla/5.0 (X11; Linux x86_64)', 'python-requests/2.31'];
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    const s = i % 60; // one line a second, like a real log: ids grow with time
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    chunk += `${ip} - - [25/Nov/2026:${String(10 + ((i / 3600) | 0)).padStart(2, '0')}:${String((i / 60) % 60 | 0).padStart(2, '0')}:${String(s).padStart(2, '0')} +0000] "GET /items/${i % 500}?page=${i % 7} HTTP/1.1" ${i % 40 ? 200 : 503} ${i % 900} "-" "${uas[i % 3]}"\n`;
    if (i === 1234) chunk += 'this line is not a log record\n';
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((r) => out.end(r));
}

async function ingestInto(db: string, log: string, problems: string[] = []) {
  const p = await openObservePipeline(defaultObserveConfig(), db);
  const counts = await ingestFile(log, { policy: p.policy, consumers: p.consumers, backpressure: () => p.recorder!.whenWritable(), problem: (l) => problems.push(l) });
  await p.close();
  return { counts, stats: p.recorder!.stats };
}

function storedCounts(db: string): { n: number; d: number; errors: number } {
  const conn = new Database(db, { readonly: true });
  const r = conn.prepare('SELECT count(*) AS n, count(DISTINCT id) AS d, sum(status = 503) AS errors FROM exchanges').get() as { n: number; d: number; errors: number };
  conn.close();
  return r;
}

test(`an nginx log of ${LINES} lines is recorded exactly once; the malformed line is reported with its number`, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const log = join(dir, 'access.log');
    await writeCombinedLog(log, LINES);
    const problems: string[] = [];
    const { counts, stats } = await ingestInto(join(dir, 'v.db'), log, problems);
    assert.equal(counts.format, 'nginx-combined');
    assert.equal(counts.records, LINES);
    assert.equal(counts.malformed, 1);
    assert.deepEqual(problems, [`${log}:1236: not in the combined log format`]);
    assert.equal(stats.recorded, LINES);
    assert.equal(stats.dropped, 0);
    assert.deepEqual(storedCounts(join(dir, 'v.db')), { n: LINES, d: LINES, errors: LINES / 40 });
    console.log(`${LINES} lines in ${(counts.ms / 1000).toFixed(1)} s (${Math.round(LINES / (counts.ms / 1000))} records/s)`);
  } finally {
    cleanup();
  }
});

test('ingesting the same log twice adds nothing the second time', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const log = join(dir, 'access.log');
    await writeCombinedLog(log, 5000);
    assert.equal((await ingestInto(join(dir, 'v.db'), log)).stats.recorded, 5000);
    assert.equal((await ingestInto(join(dir, 'v.db'), log)).stats.recorded, 0);
    assert.equal(storedCounts(join(dir, 'v.db')).n, 5000);
  } finally {
    cleanup();
  }
});
