import pg from 'pg';
import type { Alert } from '../../alerts/alert.js';
import { ipFromKey } from '../ip-key.js';
import { parseRecordRow, type ExchangeRecord, type RecordRow } from '../record.js';
import type { AlertFilter, CountRow, FindOptions, RetentionPolicy, RetentionResult, TrafficFilter, TrafficStats, TrafficStore } from '../store.js';
import { alertToRow, rowToAlert, type AlertRow } from '../alert-row.js';
import { PG_ALERT_COLUMNS, PG_ROW_COLUMNS, pgDdl, quoteIdent } from './pg-schema.js';
import { pgWhereOf } from './pg-filter.js';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/db */
  url: string;
  /** The PostgreSQL schema holding the tables; created when missing. Default public. */
  schema?: string;
  maxConnections?: number;
}


// 64-bit integers and numerics come back as numbers, as SQLite gives them (epoch ms and counts fit exactly)
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const ROWS_PER_INSERT = 500;

/** The shared store on PostgreSQL: the TrafficStore queries with the SQLite store's answers. */
export class PostgresStore implements TrafficStore {
  private readonly t: { exchanges: string; alerts: string };

  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {
    this.t = { exchanges: `${quoteIdent(schema)}.exchanges`, alerts: `${quoteIdent(schema)}.alerts` };
  }

  /** Connects and creates the schema and tables when missing (serialised by an advisory lock). */
  static async open(opts: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = opts.schema ?? 'public';
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.maxConnections ?? 4, types, connectionTimeoutMillis: 5000 });
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vigil-schema:${schema}`]);
      await client.query(pgDdl(schema));
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      await pool.end();
      throw e;
    }
    client.release();
    return new PostgresStore(pool, schema);
  }

  async insert(rows: readonly RecordRow[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      const params: (string | number | null)[] = [];
      const tuples = chunk.map((r) => `(${PG_ROW_COLUMNS.map((c) => (params.push(r[c]), `$${params.length}`)).join(', ')})`);
      const res = await this.pool.query(
        `INSERT INTO ${this.t.exchanges} (${PG_ROW_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`,
        params,
      );
      added += res.rowCount ?? 0;
    }
    return added;
  }

  async upsertAlerts(alerts: readonly Alert[]): Promise<void> {
    if (alerts.length === 0) return;
    const params: (string | number | null)[] = [];
    const tuples = alerts.map((a) => {
      const row = alertToRow(a);
      return `(${PG_ALERT_COLUMNS.map((c) => (params.push(row[c]), `$${params.length}`)).join(', ')})`;
    });
    // one statement may not touch a row twice: the last occurrence of an alert wins, as sequential upserts would
    await this.pool.query(
      `INSERT INTO ${this.t.alerts} AS a (${PG_ALERT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen, count = GREATEST(a.count, excluded.count),
         request_ids = excluded.request_ids, action = excluded.action, request = excluded.request`,
      params,
    ).catch(async (e: Error & { code?: string }) => {
      if (e.code !== '21000') throw e;
      for (const a of alerts) await this.upsertAlerts([a]);
    });
  }

  async find(filter: TrafficFilter, opts: FindOptions): Promise<ExchangeRecord[]> {
    const w = pgWhereOf(filter);
    const order = opts.order === 'asc' ? 'ASC' : 'DESC';
    const res = await this.pool.query<RecordRow>(
      `SELECT ${PG_ROW_COLUMNS.join(', ')} FROM ${this.t.exchanges} ${w.sql} ORDER BY time ${order}, id ${order} LIMIT $${w.params.length + 1}`,
      [...w.params, opts.limit],
    );
    return res.rows.map(parseRecordRow);
  }

  async count(filter: TrafficFilter): Promise<number> {
    const w = pgWhereOf(filter);
    const res = await this.pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${this.t.exchanges} ${w.sql}`, w.params);
    return res.rows[0]!.n;
  }

  private async top(column: string, filter: TrafficFilter, top: number, extra = ''): Promise<CountRow[]> {
    const w = pgWhereOf(filter);
    const where = w.sql ? `${w.sql} AND ${column} IS NOT NULL${extra}` : `WHERE ${column} IS NOT NULL${extra}`;
    const res = await this.pool.query<CountRow>(
      `SELECT ${column} AS key, count(*) AS count FROM ${this.t.exchanges} ${where} GROUP BY ${column} ORDER BY count DESC LIMIT $${w.params.length + 1}`,
      [...w.params, top],
    );
    return res.rows;
  }

  async stats(filter: TrafficFilter, top: number): Promise<TrafficStats> {
    const blocked = pgWhereOf({ ...filter, decision: undefined });
    const blockedWhere = `${blocked.sql ? `${blocked.sql} AND` : 'WHERE'} action != 'allow'`;
    const [total, reasons, byDecision, clients, principals, routes, errors] = await Promise.all([
      this.count(filter),
      this.pool.query<CountRow>(
        `SELECT (r.value->>'control') || ' ' || (r.value->>'rule') AS key, count(*) AS count
         FROM ${this.t.exchanges} e, jsonb_array_elements(e.reasons::jsonb) AS r(value) ${blockedWhere}
         GROUP BY key ORDER BY count DESC LIMIT $${blocked.params.length + 1}`,
        [...blocked.params, top],
      ),
      this.top('action', filter, 3),
      this.top('ip_key', filter, top),
      this.top('principal', filter, top),
      this.top('route', filter, top),
      this.top('status', filter, top, ' AND status >= 400'),
    ]);
    return {
      total,
      byDecision,
      topClients: clients.map((r) => ({ key: ipFromKey(r.key), count: r.count })),
      topPrincipals: principals,
      topRoutes: routes,
      errors,
      blockedReasons: reasons.rows,
    };
  }

  async findAlerts(f: AlertFilter): Promise<Alert[]> {
    const w = pgWhereOf({ ip: f.ip, principal: f.principal, since: f.since, until: f.until }, 'last_seen');
    const res = await this.pool.query<AlertRow>(
      `SELECT ${PG_ALERT_COLUMNS.join(', ')} FROM ${this.t.alerts} ${w.sql} ORDER BY first_seen ASC LIMIT $${w.params.length + 1}`,
      [...w.params, f.limit],
    );
    return res.rows.map(rowToAlert);
  }

  /** Deletes exchanges older than the age bound, then the oldest until the stored rows fit the size bound. */
  async applyRetention(policy: RetentionPolicy, now = Date.now()): Promise<RetentionResult> {
    let deletedByAge = 0;
    let deletedBySize = 0;
    if (policy.maxAgeMs !== undefined) {
      const cutoff = now - policy.maxAgeMs;
      deletedByAge += (await this.pool.query(`DELETE FROM ${this.t.exchanges} WHERE time < $1`, [cutoff])).rowCount ?? 0;
      await this.pool.query(`DELETE FROM ${this.t.alerts} WHERE last_seen < $1`, [cutoff]);
    }
    if (policy.maxBytes !== undefined) {
      for (let round = 0; round < 50 && (await this.usedBytes()) > policy.maxBytes; round++) {
        const total = await this.count({});
        if (total === 0) break;
        const batch = Math.max(1, Math.ceil(total * 0.05));
        const edge = await this.pool.query<{ time: number }>(`SELECT time FROM ${this.t.exchanges} ORDER BY time ASC LIMIT 1 OFFSET $1`, [batch - 1]);
        if (edge.rows.length === 0) break;
        deletedBySize += (await this.pool.query(`DELETE FROM ${this.t.exchanges} WHERE time <= $1`, [edge.rows[0]!.time])).rowCount ?? 0;
      }
    }
    return { deletedByAge, deletedBySize };
  }

  /** Bytes held by the stored exchanges (the rows' size; PostgreSQL reuses freed space without shrinking files). */
  async usedBytes(): Promise<number> {
    const res = await this.pool.query<{ n: number | null }>(`SELECT sum(pg_column_size(e.*))::bigint AS n FROM ${this.t.exchanges} e`);
    return res.rows[0]!.n ?? 0;
  }

  /** Drops the schema and everything in it (tests). */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(this.schema)} CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
