import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineReader, type Line } from '../../src/capture/ingest/line-reader.js';
import { tempDir } from '../helpers/temp.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

test('--follow reads appended lines and keeps going across rename rotation and copytruncate', async () => {
  const { dir, cleanup } = tempDir();
  const stop = new AbortController();
  try {
    const log = join(dir, 'access.log');
    writeFileSync(log, 'a1\na2\n');
    const reader = new LineReader(log, { follow: true, pollMs: 20, signal: stop.signal });
    const got: Line[] = [];
    const done = (async () => {
      for await (const l of reader.lines()) got.push(l);
    })();
    await until(() => got.length === 2, 'the first lines');
    appendFileSync(log, 'a3\npartial');
    await until(() => got.length === 3, 'an appended line');
    // logrotate `create`: the old file is renamed (and still written to for a moment), a new one appears
    appendFileSync(log, '-end\n');
    renameSync(log, `${log}.1`);
    appendFileSync(`${log}.1`, 'a4\n');
    writeFileSync(log, 'b1\n');
    await until(() => got.some((l) => l.text === 'b1'), 'the new file');
    // logrotate `copytruncate`: copied away, then truncated in place
    appendFileSync(log, 'b2\n');
    await until(() => got.some((l) => l.text === 'b2'), 'b2');
    copyFileSync(log, `${log}.2`);
    truncateSync(log, 0);
    await sleep(60);
    appendFileSync(log, 'c1\n');
    await until(() => got.some((l) => l.text === 'c1'), 'the line after truncation');
    stop.abort();
    await done;
    assert.deepEqual(
      got.map((l) => `${l.no}:${l.text}`),
      ['1:a1', '2:a2', '3:a3', '4:partial-end', '5:a4', '1:b1', '2:b2', '1:c1'],
    );
    assert.equal(reader.progress.rotations, 2);
  } finally {
    stop.abort();
    cleanup();
  }
});
