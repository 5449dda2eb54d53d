import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
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
const COALESCE_ROWS = 20_000;

function handle(m: ToWriter): void {
  if (m.t === 'close') {
    store?.db.close();
    store = undefined;
    reply({ t: 'closed' });
    port.close();
    return;
  }
  try {
    if (m.t === 'rows') insertCoalesced(m);
    else if (m.t === 'alerts') {
      open().upsertAlertsSync(m.alerts);
      reply({ t: 'ok', seq: m.seq, added: m.alerts.length });
    } else if (m.t === 'replay') reply({ t: 'replayed', seq: m.seq, ...replay(m.file) });
    else reply({ t: 'retained', seq: m.seq, result: open().applyRetentionSync(m.policy) });
  } catch (e) {
    reply({ t: 'fail', seq: m.seq, error: (e as Error).message });
  }
}

/**
 * Row batches that queued up while the last transaction ran are written in one transaction: with random keys
 * (addresses, derived ids) a bigger transaction dirties each index page once instead of once per batch.
 */
function insertCoalesced(first: Extract<ToWriter, { t: 'rows' }>): void {
  const group = [first];
  let rows = first.rows.length;
  let next: ToWriter | undefined;
  while (rows < COALESCE_ROWS) {
    const got = receiveMessageOnPort(port) as { message: ToWriter } | undefined;
    if (!got) break;
    if (got.message.t !== 'rows') {
      next = got.message;
      break;
    }
    if (++batches === setup.exitOnBatch) process.exit(1);
    group.push(got.message);
    rows += got.message.rows.length;
  }
  let added: number[];
  try {
    const s = open();
    added = s.transaction(() => group.map((g) => s.insertSync(g.rows)));
  } catch (e) {
    for (const g of group) reply({ t: 'fail', seq: g.seq, error: (e as Error).message });
    if (next) handle(next);
    return;
  }
  group.forEach((g, i) => reply({ t: 'ok', seq: g.seq, added: added[i]! }));
  if (next) handle(next);
}

port.on('message', (m: ToWriter) => {
  if (m.t === 'rows' && ++batches === setup.exitOnBatch) process.exit(1);
  handle(m);
});
