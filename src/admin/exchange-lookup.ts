import type { ExchangeRecord, RecordRow } from '../store/record.js';
import { parseRecordRow } from '../store/record.js';
import type { TrafficStore } from '../store/store.js';

interface SqliteLike {
  db: { prepare(sql: string): { get(...params: unknown[]): unknown } };
}

function isSqlite(store: TrafficStore): store is TrafficStore & SqliteLike {
  return typeof (store as Partial<SqliteLike>).db?.prepare === 'function';
}

/**
 * One recorded exchange by its request id. The store interface has no lookup by id: on SQLite the id is unique
 * and indexed, so it is asked directly; elsewhere the exchange is looked for around its time (`timeHint`, epoch
 * ms) or in the last day.
 */
export async function exchangeById(store: TrafficStore, id: string, timeHint?: number): Promise<ExchangeRecord | undefined> {
  if (isSqlite(store)) {
    const row = store.db.prepare('SELECT * FROM exchanges WHERE id = ?').get(id) as RecordRow | undefined;
    return row ? parseRecordRow(row) : undefined;
  }
  const since = timeHint ?? Date.now() - 86_400_000;
  const until = timeHint === undefined ? undefined : timeHint + 1;
  const rows = await store.find({ since, until }, { limit: 10_000, order: 'desc' });
  return rows.find((r) => r.id === id);
}
