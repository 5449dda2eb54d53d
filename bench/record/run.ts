// Recording benchmark: recorder throughput (exchanges/s, end to end: redaction, batching, writer thread, SQLite)
// against the bare store insert in the same run, then query latency over the recorded rows (default 1 million).
// Usage: node dist/bench/record/run.js [--rows 1000000] [--recorder 200000] [--keep DIR]
//        --keep DIR keeps the database; run again with the same DIR to measure only the queries.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { newDecision, type Exchange } from '../../src/exchange/exchange.js';
import { newRequestId } from '../../src/exchange/ids.js';
import { Redactor } from '../../src/redact/redactor.js';
import { compileRedactionRules } from '../../src/redact/rules.js';
import { toRecordRow, type RecordOptions } from '../../src/store/record.js';
import { Recorder } from '../../src/store/recorder/recorder.js';
import { SqliteTrafficStore } from '../../src/store/sqlite/sqlite-store.js';
import { actorTimeline } from '../../src/store/timeline.js';
import type { TrafficFilter } from '../../src/store/store.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, recorder: { type: 'string', default: '200000' }, keep: { type: 'string' } } });
const TOTAL = Number(values.rows);
const THROUGH_RECORDER = Math.min(TOTAL, Number(values.recorder));
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'vigil-bench-record-'));
const dbPath = join(dir, 'bench.db');
const redactor = new Redactor(compileRedactionRules(undefined));
const recordOptions: RecordOptions = { maxBodyChars: 4096, headers: true };
const START = Date.now() - 2 * 86_400_000;
const SPAN_MS = 2 * 86_400_000;

/** A realistic mix: 10k clients, 40 routes, a third authenticated, 3% refused, a fifth with a small JSON body. */
function exchange(i: number, n: number): Exchange {
  const time = START + Math.floor((i / n) * SPAN_MS);
  const route = i % 40;
  const blocked = i % 33 === 0;
  const body = i % 5 === 0 ? Buffer.from(JSON.stringify({ name: `user${i}`, password: 'hunter2', items: [i, i + 1] })) : undefined;
  const ex: Exchange = {
    id: newRequestId(time),
    source: 'gateway',
    client: { ip: `10.${(i * 7) % 40}.${(i * 13) % 250}.${i % 10}`, peerIp: '127.0.0.1', forwardedFor: [] },
    request: {
      method: body ? 'POST' : 'GET',
      url: `/api/r${route}/${i % 1000}?page=${i % 9}`,
      path: `/api/r${route}/${i % 1000}`,
      query: `page=${i % 9}`,
      host: 'api.example.com',
      scheme: 'https',
      httpVersion: '1.1',
      headers: {
        host: 'api.example.com',
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) bench',
        accept: 'application/json',
        authorization: i % 3 === 0 ? 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJlc2ln' : undefined,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body,
      bodySize: body?.length ?? 0,
      bodyTruncated: false,
    },
    response: { status: blocked ? 403 : i % 50 === 0 ? 500 : 200, headers: { 'content-type': 'application/json' }, bodySize: 300 },
    route: { name: `r${route}`, template: `/api/r${route}/{id}`, params: {} },
    principal: i % 3 === 0 ? { kind: 'jwt', id: `user-${i % 2000}`, verified: true } : undefined,
    findings: [],
    decision: newDecision(),
    timings: { start: time, total: 2 + (i % 20) },
  };
  if (blocked)
    ex.decision = { action: 'block', status: 403, reasons: [{ control: 'detect.sqli', rule: 'sqli.union', message: 'SQL injection', location: 'query:page', evidence: "1' UNION SELECT", status: 403, mode: 'enforce' }] };
  return ex;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en');
}

async function main(): Promise<void> {
  const reuse = existsSync(dbPath);
  console.log(reuse ? `vigil record bench: queries over ${dbPath}` : `vigil record bench: ${fmt(TOTAL)} rows (${fmt(THROUGH_RECORDER)} through the recorder), ${dir}`);
  const store = new SqliteTrafficStore(dbPath);
  if (!reuse) await record(store);
  await queries(store);
  await store.close();
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

async function record(store: SqliteTrafficStore): Promise<void> {

  // 1. baseline: recording synchronously in this thread (same exchanges, same redaction, one transaction per 2000)
  const baselineRows = TOTAL - THROUGH_RECORDER;
  let insertMs = 0;
  const b0 = performance.now();
  for (let i = 0; i < baselineRows; i += 2000) {
    const rows = [];
    for (let j = i; j < Math.min(baselineRows, i + 2000); j++) rows.push(toRecordRow(exchange(j, TOTAL), redactor, recordOptions));
    const t0 = performance.now();
    store.insertSync(rows);
    insertMs += performance.now() - t0;
  }
  const baseline = baselineRows / ((performance.now() - b0) / 1000);
  if (baselineRows > 0) {
    console.log(`baseline, in-thread recording: ${fmt(baseline)} exchanges/s over ${fmt(baselineRows)} (SQLite inserts alone: ${fmt(baselineRows / (insertMs / 1000))} rows/s)`);
  }

  // 2. the recorder, end to end: toRecordRow + redaction here, batches to the writer thread, SQLite there
  const recorder = new Recorder({ path: dbPath, redactor, record: recordOptions, maxQueued: 50_000, journalMaxBytes: 1 << 30 });
  const t0 = performance.now();
  for (let i = baselineRows; i < TOTAL; i++) {
    recorder.consume(exchange(i, TOTAL));
    if ((i & 1023) === 0) await recorder.whenWritable();
  }
  await recorder.close();
  const recMs = performance.now() - t0;
  const rate = THROUGH_RECORDER / (recMs / 1000);
  console.log(`recorder, end to end:          ${fmt(rate)} exchanges/s (${fmt(recorder.stats.recorded)} recorded, ${recorder.stats.spilled} spilled, ${recorder.stats.dropped} lost)`);
  if (baselineRows > 0) console.log(`  ratio recorder / in-thread baseline: ${(rate / baseline).toFixed(2)} (and the recorder keeps SQLite off the serving thread)`);
}

async function queries(store: SqliteTrafficStore): Promise<void> {
  console.log(`database: ${(statSync(dbPath).size / 1048576).toFixed(0)} MB, ${fmt(await store.count({}))} rows`);

  // 3. queries
  const mid = START + SPAN_MS / 2;
  const queries: [string, () => Promise<unknown>][] = [
    ['traffic --ip 10.7.91.1 (100 newest)', () => store.find({ ip: '10.7.91.1' }, { limit: 100, order: 'desc' })],
    ['traffic --ip 10.7.0.0/16', () => store.find({ ip: '10.7.0.0/16' }, { limit: 100, order: 'desc' })],
    ['traffic --principal user-42', () => store.find({ principal: 'user-42' }, { limit: 100, order: 'desc' })],
    ['traffic --route r7 --since (1h window)', () => store.find({ route: 'r7', since: mid, until: mid + 3_600_000 }, { limit: 100, order: 'desc' })],
    ['traffic --decision block', () => store.find({ decision: 'block' }, { limit: 100, order: 'desc' })],
    ['traffic --status 5xx', () => store.find({ status: [500, 599] }, { limit: 100, order: 'desc' })],
    ['traffic --since 1h (window)', () => store.find({ since: mid, until: mid + 3_600_000 }, { limit: 100, order: 'desc' })],
    ['traffic --text user123 --since 1h', () => store.find({ text: 'user123', since: mid, until: mid + 3_600_000 } satisfies TrafficFilter, { limit: 100, order: 'desc' })],
    ['timeline --ip 10.7.91.1', () => actorTimeline(store, { ip: '10.7.91.1' }, 1000)],
    ['timeline --principal user-42', () => actorTimeline(store, { principal: 'user-42' }, 1000)],
    ['stats --since 1h', () => store.stats({ since: mid, until: mid + 3_600_000 }, 10)],
    ['stats (all rows)', () => store.stats({}, 10)],
    ['traffic --text user123 (all rows, no window)', () => store.find({ text: 'user123' }, { limit: 100, order: 'desc' })],
  ];
  console.log(`\nquery latency over ${fmt(TOTAL)} rows (median of 3):`);
  for (const [name, q] of queries) {
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      const s = performance.now();
      await q();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const med = times[1]!;
    console.log(`  ${name.padEnd(46)} ${med.toFixed(1).padStart(8)} ms${med > 1000 ? '  (over 1 s)' : ''}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
