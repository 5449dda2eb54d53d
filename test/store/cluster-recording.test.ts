import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/temp.js';
import type { RecorderStats } from '../../src/store/recorder/recorder.js';

const run = promisify(execFile);
const child = fileURLToPath(new URL('../helpers/record-child.js', import.meta.url));

test('several processes record into one SQLite file (WAL, busy timeout), each exchange exactly once', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const db = join(dir, 'shared.db');
    const outputs = await Promise.all([1, 2, 3].map(() => run(process.execPath, [child, db, '4000'])));
    const ids = new Set<string>();
    for (const o of outputs) {
      const [stats, ...lines] = o.stdout.trim().split('\n');
      const s = JSON.parse(stats!) as RecorderStats;
      assert.equal(s.dropped, 0);
      for (const l of lines) ids.add(l);
    }
    assert.equal(ids.size, 12_000);
    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT id FROM exchanges').all() as { id: string }[];
    conn.close();
    assert.equal(rows.length, 12_000);
    assert.deepEqual(new Set(rows.map((r) => r.id)), ids);
  } finally {
    cleanup();
  }
});
