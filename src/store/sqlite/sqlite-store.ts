import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { alertToRow, rowToAlert, type AlertRow } from '../alert-row.js';
import type { Alert } from '../../alerts/alert.js';
import { ipFromKey } from '../ip-key.js';
import { parseRecordRow, type ExchangeRecord, type RecordRow } from '../record.js';
import type { AlertFilter, CountRow, FindOptions, RetentionPolicy, RetentionResult, TrafficFilter, TrafficStats, TrafficStore } from '../store.js';
import { DDL, PRAGMAS, ROW_COLUMNS } from './schema.js';
import { whereOf } from './filter-sql.js';

export interface SqliteOptions {
  readonly?: boolean;
  /** How long a writer waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

/** The embedded store: one SQLite file in WAL mode, shared by every gateway process. */
export class SqliteTrafficStore implements TrafficStore {
  readonly db: Database.Database;
  private readonly insertRow: Database.Statement<RecordRow>;
  private readonly insertMany: (rows: readonly RecordRow[]) => number;
  private readonly upsertAlert: Database.Statement<Record<string, unknown>>;

  constructor(
    readonly path: string,
    opts: SqliteOptions = {},
  ) {
    if (!opts.readonly) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    if (!opts.readonly) {
      for (const p of PRAGMAS) this.db.exec(p);
      this.db.exec(DDL);
    }
    const cols = ROW_COLUMNS.join(', ');
    const vals = ROW_COLUMNS.map((c) => `@${c}`).join(', ');
    this.insertRow = this.db.prepare(`INSERT OR IGNORE INTO exchanges (${cols}) VALUES (${vals})`);
    this.insertMany = this.db.transaction((rows: readonly RecordRow[]) => {
      let added = 0;
      for (const r of rows) added += this.insertRow.run(r).changes;
      return added;
    });
    this.upsertAlert = this.db.prepare(`INSERT INTO alerts (id, type, severity, control, rule, message, parameter, evidence, actor_ip, ip_key,
        principal, country, asn, route, action, request_ids, first_seen, last_seen, count, request)
      VALUES (@id, @type, @severity, @control, @rule, @message, @parameter, @evidence, @actor_ip, @ip_key,
        @principal, @country, @asn, @route, @action, @request_ids, @first_seen, @last_seen, @count, @request)
      ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen, count = max(count, excluded.count),
        request_ids = excluded.request_ids, action = excluded.action, request = excluded.request`);
  }

  /** Runs `fn` in one transaction (nested inserts join it). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Synchronous insert, for the writer thread. */
  insertSync(rows: readonly RecordRow[]): number {
    return this.insertMany(rows);
  }

  async insert(rows: readonly RecordRow[]): Promise<number> {
    return this.insertSync(rows);
  }

  upsertAlertsSync(alerts: readonly Alert[]): void {
    this.db.transaction(() => {
      for (const a of alerts)
        this.upsertAlert.run(alertToRow(a));
    })();
  }

  async upsertAlerts(alerts: readonly Alert[]): Promise<void> {
    this.upsertAlertsSync(alerts);
  }

  async find(filter: TrafficFilter, opts: FindOptions): Promise<ExchangeRecord[]> {
    const w = whereOf(filter);
    const order = opts.order === 'asc' ? 'ASC' : 'DESC';
    // pick the rows from an index first (rowid is in every index), then read only those: a range that matches
    // many rows is sorted as small index entries, not as whole rows
    const rows = this.db
      .prepare(
        `SELECT * FROM exchanges WHERE rowid IN (SELECT rowid FROM exchanges ${w.sql} ORDER BY time ${order}, rowid ${order} LIMIT ?)
         ORDER BY time ${order}, rowid ${order}`,
      )
      .all(...w.params, opts.limit) as RecordRow[];
    return rows.map(parseRecordRow);
  }

  async count(filter: TrafficFilter): Promise<number> {
    const w = whereOf(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM exchanges ${w.sql}`).get(...w.params) as { n: number }).n;
  }

  private top(column: string, filter: TrafficFilter, top: number, extra = ''): CountRow[] {
    const w = whereOf(filter);
    const where = w.sql ? `${w.sql} AND ${column} IS NOT NULL${extra}` : `WHERE ${column} IS NOT NULL${extra}`;
    return this.db
      .prepare(`SELECT ${column} AS key, count(*) AS count FROM exchanges ${where} GROUP BY ${column} ORDER BY count DESC LIMIT ?`)
      .all(...w.params, top) as CountRow[];
  }

  async stats(filter: TrafficFilter, top: number): Promise<TrafficStats> {
    const byDecision = this.top('action', filter, 3);
    const total = byDecision.reduce((sum, d) => sum + d.count, 0);
    const blocked = whereOf({ ...filter, decision: undefined });
    const blockedWhere = `${blocked.sql ? `${blocked.sql} AND` : 'WHERE'} action != 'allow'`;
    const blockedReasons = this.db
      .prepare(
        `SELECT json_extract(r.value, '$.control') || ' ' || json_extract(r.value, '$.rule') AS key, count(*) AS count
         FROM exchanges, json_each(exchanges.reasons) AS r ${blockedWhere} GROUP BY key ORDER BY count DESC LIMIT ?`,
      )
      .all(...blocked.params, top) as CountRow[];
    return {
      total,
      byDecision,
      topClients: this.top('ip_key', filter, top).map((r) => ({ key: ipFromKey(r.key), count: r.count })),
      topPrincipals: this.top('principal', filter, top),
      topRoutes: this.top('route', filter, top),
      errors: this.top('status', filter, top, ' AND status >= 400'),
      blockedReasons,
    };
  }

  async findAlerts(f: AlertFilter): Promise<Alert[]> {
    const w = whereOf({ ip: f.ip, principal: f.principal, since: f.since, until: f.until }, 'last_seen');
    const rows = this.db.prepare(`SELECT * FROM alerts ${w.sql} ORDER BY first_seen ASC LIMIT ?`).all(...w.params, f.limit) as AlertRow[];
    return rows.map(rowToAlert);
  }

  /** Deletes exchanges older than the age bound, then the oldest until the file's used pages fit the size bound. */
  applyRetentionSync(policy: RetentionPolicy, now = Date.now()): RetentionResult {
    let deletedByAge = 0;
    let deletedBySize = 0;
    if (policy.maxAgeMs !== undefined) {
      const cutoff = now - policy.maxAgeMs;
      deletedByAge += this.db.prepare('DELETE FROM exchanges WHERE time < ?').run(cutoff).changes;
      this.db.prepare('DELETE FROM alerts WHERE last_seen < ?').run(cutoff);
    }
    if (policy.maxBytes !== undefined) {
      for (let round = 0; round < 50 && this.usedBytes() > policy.maxBytes; round++) {
        const total = (this.db.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;
        if (total === 0) break;
        const batch = Math.max(1, Math.ceil(total * 0.05));
        const edge = this.db.prepare('SELECT time FROM exchanges ORDER BY time ASC LIMIT 1 OFFSET ?').get(batch - 1) as { time: number } | undefined;
        if (!edge) break;
        deletedBySize += this.db.prepare('DELETE FROM exchanges WHERE time <= ?').run(edge.time).changes;
      }
    }
    if (deletedByAge + deletedBySize > 0) {
      this.db.pragma('incremental_vacuum');
      this.db.pragma('wal_checkpoint(PASSIVE)');
    }
    return { deletedByAge, deletedBySize };
  }

  async applyRetention(policy: RetentionPolicy): Promise<RetentionResult> {
    return this.applyRetentionSync(policy);
  }

  /** Bytes in use by pages that hold data (free pages do not count). */
  usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
