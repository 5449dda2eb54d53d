import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteTrafficStore } from '../sqlite/sqlite-store.js';
import type { RecordRow } from '../record.js';
import type { FromWriter, ToWriter, WriterSetup } from './messages.js';

// The writer thread: owns the SQLite connection, so that inserts (and waits on another process's lock) never
// block the thread serving traffic. Every message is answered; a failure leaves the data with the sender.

const REPLAY_CHUNK = 2000;
const setup = workerData as WriterSetup;
const port = parentPort!;
let store: SqliteTrafficStore | undefined;

function open(): SqliteTrafficStore {
  store ??= new SqliteTrafficStore(setup.path, { busyTimeoutMs: setup.busyTimeoutMs });
  return store;
}

function reply(m: FromWriter): void {
  port.postMessage(m);
}

function replay(file: string): { rows: number; added: number; malformed: number } {
  const s = open();
  let rows = 0;
  let added = 0;
  let malformed = 0;
  let chunk: RecordRow[] = [];
  for (const line of linesOf(file)) {
    if (!line) continue;
    try {
      chunk.push(JSON.parse(line) as RecordRow);
    } catch {
      // a torn last line after a crash: counted, the rest still goes in
      malformed++;
      continue;
    }
    if (chunk.length >= REPLAY_CHUNK) {
      added += s.insertSync(chunk);
      rows += chunk.length;
      chunk = [];
    }
  }
  if (chunk.length) {
    added += s.insertSync(chunk);
    rows += chunk.length;
  }
  unlinkSync(file);
  return { rows, added, malformed };
}

/** The lines of a file, read in 1 MiB steps so that a large journal does not sit in memory at once. */
function* linesOf(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + buf.toString('utf8', 0, n);
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      yield* lines;
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

let batches = 0;

port.on('message', (m: ToWriter) => {
  if (m.t === 'close') {
    store?.db.close();
    store = undefined;
    reply({ t: 'closed' });
    port.close();
    return;
  }
  if (m.t === 'rows' && ++batches === setup.exitOnBatch) process.exit(1);
  try {
    if (m.t === 'rows') reply({ t: 'ok', seq: m.seq, added: open().insertSync(m.rows) });
    else if (m.t === 'alerts') {
      open().upsertAlertsSync(m.alerts);
      reply({ t: 'ok', seq: m.seq, added: m.alerts.length });
    } else if (m.t === 'replay') reply({ t: 'replayed', seq: m.seq, ...replay(m.file) });
    else reply({ t: 'retained', seq: m.seq, result: open().applyRetentionSync(m.policy) });
  } catch (e) {
    reply({ t: 'fail', seq: m.seq, error: (e as Error).message });
  }
});
