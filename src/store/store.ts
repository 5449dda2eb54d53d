import type { Action } from '../exchange/exchange.js';
import type { Alert } from '../alerts/alert.js';
import type { ExchangeRecord, RecordRow } from './record.js';

// The traffic store, behind one interface: SQLite (embedded, the default) today; a PostgreSQL implementation
// answers the same queries later. Every method is asynchronous so that a networked store fits.

export interface TrafficFilter {
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
  /** An address or a CIDR. */
  ip?: string;
  principal?: string;
  /** Route name or path template. */
  route?: string;
  /** Exact status, or a class range such as [500, 599]. */
  status?: number | [number, number];
  decision?: Action;
  /** Substring of the path, query, user agent or (redacted) request body. */
  text?: string;
}

export interface FindOptions {
  limit: number;
  order: 'asc' | 'desc';
}

export interface CountRow {
  key: string;
  count: number;
}

export interface TrafficStats {
  total: number;
  byDecision: CountRow[];
  topClients: CountRow[];
  topPrincipals: CountRow[];
  topRoutes: CountRow[];
  errors: CountRow[];
  blockedReasons: CountRow[];
}

export interface AlertFilter {
  since?: number;
  until?: number;
  ip?: string;
  principal?: string;
  limit: number;
}

export interface RetentionPolicy {
  maxAgeMs?: number;
  maxBytes?: number;
}

export interface RetentionResult {
  deletedByAge: number;
  deletedBySize: number;
}

export interface TrafficStore {
  /** Inserts rows; a row whose id is already stored is ignored (exactly once). Returns how many were new. */
  insert(rows: readonly RecordRow[]): Promise<number>;
  upsertAlerts(alerts: readonly Alert[]): Promise<void>;
  find(filter: TrafficFilter, options: FindOptions): Promise<ExchangeRecord[]>;
  count(filter: TrafficFilter): Promise<number>;
  stats(filter: TrafficFilter, top: number): Promise<TrafficStats>;
  findAlerts(filter: AlertFilter): Promise<Alert[]>;
  applyRetention(policy: RetentionPolicy): Promise<RetentionResult>;
  close(): Promise<void>;
}
