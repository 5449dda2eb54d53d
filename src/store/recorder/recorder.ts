import { Worker } from 'node:worker_threads';
import type { Exchange } from '../../exchange/exchange.js';
import type { ExchangeConsumer } from '../../pipeline/consumer.js';
import type { Redactor } from '../../redact/redactor.js';
import type { Alert } from '../../alerts/alert.js';
import { toRecordRow, type RecordOptions, type RecordRow } from '../record.js';
import type { RetentionPolicy } from '../store.js';
import { recorderMetrics } from '../metrics.js';
import { Journal } from './journal.js';
import type { FromWriter, ToWriter, WriterSetup } from './messages.js';

export interface RecorderOptions {
  /** The SQLite file. */
  path: string;
  redactor: Redactor;
  record: RecordOptions;
  /** Rows held in memory (queued and being written); beyond it batches spill to the journal. */
  maxQueued: number;
  journalDir?: string;
  journalMaxBytes: number;
  retention?: RetentionPolicy;
  retentionIntervalMs?: number;
  busyTimeoutMs?: number;
  batchSize?: number;
  flushMs?: number;
  replayIntervalMs?: number;
  closeTimeoutMs?: number;
  /** Told of every loss (exchanges that will never be recorded): count and reason. */
  onLoss?: (count: number, reason: string) => void;
  log?: (line: string) => void;
  /** Tests: the first writer thread exits, as if it crashed, when it receives this batch. */
  faultExitOnBatch?: number;
}

export interface RecorderStats {
  consumed: number;
  recorded: number;
  spilled: number;
  replayed: number;
  dropped: number;
  writeFailures: number;
}

const MAX_PENDING_ALERTS = 5000;

type Unacked = { kind: 'rows'; rows: RecordRow[] } | { kind: 'replay'; file: string } | { kind: 'alerts'; alerts: Alert[] } | { kind: 'retention' };

/**
 * Records every exchange in the store, off the request path: rows are redacted here, batched, and written by a
 * worker thread that owns the SQLite connection. When the store is slow or failing, batches spill to a per-process
 * append-only journal and are replayed once it recovers (inserts are idempotent on the request id, so a replay
 * never duplicates). Memory is bounded by maxQueued rows; the journal by journalMaxBytes; every loss is counted.
 */
export class Recorder implements ExchangeConsumer {
  readonly name = 'recorder';
  readonly stats: RecorderStats = { consumed: 0, recorded: 0, spilled: 0, replayed: 0, dropped: 0, writeFailures: 0 };
  private readonly journal: Journal;
  private worker: Worker | undefined;
  private pending: RecordRow[] = [];
  private readonly unacked = new Map<number, Unacked>();
  private inFlightRows = 0;
  private seq = 0;
  private healthy = true;
  private closing = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly replayTimer: NodeJS.Timeout;
  private readonly retentionTimer: NodeJS.Timeout | undefined;
  private restartDelayMs = 100;
  private idleWaiters: (() => void)[] = [];
  private lastLog = 0;

  constructor(private readonly opts: RecorderOptions) {
    this.journal = new Journal(opts.journalDir ?? `${opts.path}.journal`, opts.journalMaxBytes);
    this.journal.claimOrphans();
    this.startWorker();
    this.replayTimer = setInterval(() => void this.replay(), opts.replayIntervalMs ?? 1000);
    this.replayTimer.unref();
    if (opts.retention && (opts.retention.maxAgeMs !== undefined || opts.retention.maxBytes !== undefined)) {
      const policy = opts.retention;
      this.send({ kind: 'retention' }, (seq) => ({ t: 'retention', seq, policy }));
      this.retentionTimer = setInterval(() => this.send({ kind: 'retention' }, (seq) => ({ t: 'retention', seq, policy })), opts.retentionIntervalMs ?? 60_000);
      this.retentionTimer.unref();
    }
    if (!this.journal.empty) setImmediate(() => void this.replay());
  }

  consume(ex: Exchange): void {
    this.stats.consumed++;
    let row: RecordRow;
    try {
      row = toRecordRow(ex, this.opts.redactor, this.opts.record);
    } catch (e) {
      this.lose(1, 'encode', (e as Error).message);
      return;
    }
    this.pending.push(row);
    recorderMetrics.queued.inc();
    if (this.pending.length >= (this.opts.batchSize ?? 1000)) this.flush();
    else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), this.opts.flushMs ?? 25);
      this.flushTimer.unref();
    }
  }

  /**
   * Resolves when the writer has room (fewer than half of maxQueued rows outstanding), or after maxWaitMs.
   * Bulk producers (ingest) await it so that they go at the store's pace instead of filling the journal.
   */
  async whenWritable(maxWaitMs = 5000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    while (this.inFlightRows + this.pending.length >= this.opts.maxQueued / 2 && Date.now() < deadline) {
      if (this.unacked.size === 0) return;
      await this.idleOrAck(Math.max(1, deadline - Date.now()));
    }
  }

  private ackWaiters: (() => void)[] = [];

  private idleOrAck(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.ackWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Stores alerts; while the store fails they wait in memory (bounded) and are retried with the journal. */
  recordAlerts(alerts: Alert[]): void {
    if (alerts.length === 0) return;
    if (!this.worker || !this.healthy) return this.keepAlerts(alerts);
    this.send({ kind: 'alerts', alerts }, (seq) => ({ t: 'alerts', seq, alerts }));
  }

  private pendingAlerts: Alert[] = [];

  private keepAlerts(alerts: Alert[]): void {
    this.pendingAlerts.push(...alerts);
    const over = this.pendingAlerts.length - MAX_PENDING_ALERTS;
    if (over > 0) {
      this.pendingAlerts.splice(0, over);
      recorderMetrics.dropped.inc({ reason: 'alerts_pending_full' }, over);
      this.log(`${over} alert update(s) not stored (the store is failing and the alert buffer is full)`);
    }
  }

  private startWorker(): void {
    const setup: WriterSetup = { path: this.opts.path, busyTimeoutMs: this.opts.busyTimeoutMs ?? 5000, exitOnBatch: this.seq === 0 ? this.opts.faultExitOnBatch : undefined };
    const worker = new Worker(new URL('./writer-thread.js', import.meta.url), { workerData: setup });
    if (!this.closing) worker.unref();
    worker.on('message', (m: FromWriter) => this.onMessage(m));
    worker.on('error', (e) => this.log(`writer thread failed: ${e.message}`));
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.onWorkerLost();
    });
    this.worker = worker;
  }

  /** The writer thread is gone: everything it had not confirmed goes back to the journal, and it restarts. */
  private onWorkerLost(): void {
    this.healthy = false;
    for (const [seq, u] of this.unacked) this.fail(seq, u);
    this.unacked.clear();
    this.notifyIdle();
    if (this.closing) return;
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, 10_000);
    setTimeout(() => {
      if (!this.closing) this.startWorker();
    }, delay).unref();
  }

  private send(u: Unacked, message: (seq: number) => ToWriter): void {
    const seq = ++this.seq;
    if (!this.worker) return this.fail(seq, u);
    this.unacked.set(seq, u);
    this.worker.postMessage(message(seq));
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    recorderMetrics.queued.dec(rows.length);
    if (!this.worker || !this.healthy || this.inFlightRows + rows.length > this.opts.maxQueued) return this.spill(rows);
    this.inFlightRows += rows.length;
    recorderMetrics.queued.inc(rows.length);
    this.send({ kind: 'rows', rows }, (seq) => ({ t: 'rows', seq, rows }));
  }

  private spill(rows: RecordRow[]): void {
    if (this.journal.writeErrors > 0) return this.lose(rows.length, 'journal_error', 'the journal cannot be written');
    const written = this.journal.append(rows);
    if (written < rows.length) this.lose(rows.length - written, 'journal_full', `the journal reached its bound (${this.opts.journalMaxBytes} bytes)`);
    this.stats.spilled += written;
    recorderMetrics.spilled.inc(written);
    recorderMetrics.journalBytes.set(this.journal.bytes);
  }

  private lose(count: number, reason: string, why: string): void {
    this.stats.dropped += count;
    recorderMetrics.dropped.inc({ reason }, count);
    this.log(`${count} exchange(s) not recorded: ${why}`);
    this.opts.onLoss?.(count, reason);
  }

  private log(line: string): void {
    const now = Date.now();
    if (now - this.lastLog < 5000) return;
    this.lastLog = now;
    (this.opts.log ?? ((l: string) => console.error(`vigil recorder: ${l}`)))(line);
  }

  private onMessage(m: FromWriter): void {
    if (m.t === 'closed') return;
    const u = this.unacked.get(m.seq);
    if (!u) return;
    this.unacked.delete(m.seq);
    if (m.t === 'fail') {
      this.healthy = false;
      this.stats.writeFailures++;
      recorderMetrics.writeFailures.inc();
      this.log(`store write failed, keeping data in the journal: ${m.error}`);
      this.fail(m.seq, u);
    } else {
      this.healthy = true;
      this.restartDelayMs = 100;
      if (u.kind === 'rows') {
        this.inFlightRows -= u.rows.length;
        recorderMetrics.queued.dec(u.rows.length);
      }
      if (m.t === 'ok' && u.kind === 'rows') this.counted(m.added, 0);
      if (m.t === 'replayed' && u.kind === 'replay') {
        this.journal.replayed(u.file, m.rows);
        recorderMetrics.journalBytes.set(this.journal.bytes);
        this.counted(m.added, m.rows);
        if (m.malformed) this.lose(m.malformed, 'journal_torn', `${m.malformed} torn line(s) in ${u.file}`);
      }
    }
    this.notifyIdle();
  }

  private counted(added: number, replayed: number): void {
    this.stats.recorded += added;
    this.stats.replayed += replayed;
    recorderMetrics.recorded.inc(added);
    if (replayed) recorderMetrics.replayed.inc(replayed);
  }

  private fail(_seq: number, u: Unacked): void {
    if (u.kind === 'rows') {
      this.inFlightRows -= u.rows.length;
      recorderMetrics.queued.dec(u.rows.length);
      this.spill(u.rows);
    } else if (u.kind === 'replay') this.journal.retryLater(u.file);
    else if (u.kind === 'alerts') this.keepAlerts(u.alerts);
  }

  private replaying = false;

  /** Offers the journal's files to the writer; runs on a timer, and right after the store recovers. */
  private async replay(): Promise<void> {
    if (this.worker && (this.healthy || this.journal.empty) && this.pendingAlerts.length > 0) {
      const alerts = this.pendingAlerts;
      this.pendingAlerts = [];
      this.send({ kind: 'alerts', alerts }, (seq) => ({ t: 'alerts', seq, alerts }));
    }
    if (this.replaying || !this.worker || this.journal.empty) return;
    if ([...this.unacked.values()].some((u) => u.kind === 'replay')) return;
    this.replaying = true;
    try {
      const files = await this.journal.takeForReplay();
      for (const file of files) {
        if (this.worker) this.send({ kind: 'replay', file }, (seq) => ({ t: 'replay', seq, file }));
        else this.journal.retryLater(file);
      }
    } finally {
      this.replaying = false;
    }
  }

  private notifyIdle(): void {
    const acks = this.ackWaiters;
    this.ackWaiters = [];
    for (const f of acks) f();
    if (this.unacked.size > 0) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  private idle(timeoutMs: number): Promise<boolean> {
    if (this.unacked.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /**
   * Writes what is queued and replays the journal. Returns false when the store did not take everything before
   * the deadline (what is left stays in the journal for the next start).
   */
  async flushAndWait(timeoutMs = this.opts.closeTimeoutMs ?? 10_000): Promise<boolean> {
    this.flush();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0 || !(await this.idle(left))) return false;
      if (this.journal.empty && this.pendingAlerts.length === 0) return true;
      if (this.worker) await this.replay();
      if (this.unacked.size === 0) await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    this.worker?.ref();
    const drained = await this.flushAndWait();
    this.closing = true;
    clearInterval(this.replayTimer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    if (!drained) {
      // the store did not answer in time: keep what it had not confirmed for the next start
      for (const [seq, u] of this.unacked) this.fail(seq, u);
      this.unacked.clear();
    }
    await this.journal.close();
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    // never terminate() the thread: interrupting it inside SQLite aborts the process (better-sqlite3). It ends
    // by itself after 'close'; if it is stuck waiting on a lock, it is unref'd and cannot hold the process.
    await new Promise<void>((resolve) => {
      const giveUp = setTimeout(() => {
        worker.unref();
        resolve();
      }, 3000);
      worker.once('exit', () => {
        clearTimeout(giveUp);
        resolve();
      });
      worker.postMessage({ t: 'close' } satisfies ToWriter);
    });
  }
}
