import type { Alert } from '../../alerts/alert.js';
import type { RecordRow } from '../record.js';
import type { RetentionPolicy, RetentionResult } from '../store.js';

// The conversation between a recorder (main thread) and its writer thread, which owns the SQLite connection.

export interface WriterSetup {
  path: string;
  busyTimeoutMs: number;
  /** Fault injection for tests: the thread exits (as if it crashed) on receiving this batch number. */
  exitOnBatch?: number;
}

export type ToWriter =
  | { t: 'rows'; seq: number; rows: RecordRow[] }
  | { t: 'alerts'; seq: number; alerts: Alert[] }
  /** Insert every line of a closed journal file, then delete it. */
  | { t: 'replay'; seq: number; file: string }
  | { t: 'retention'; seq: number; policy: RetentionPolicy }
  | { t: 'close' };

export type FromWriter =
  | { t: 'ok'; seq: number; added: number }
  | { t: 'fail'; seq: number; error: string }
  | { t: 'replayed'; seq: number; rows: number; added: number; malformed: number }
  | { t: 'retained'; seq: number; result: RetentionResult }
  | { t: 'closed' };
