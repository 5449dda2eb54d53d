import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, normaliseStore } from '../../config/load.js';
import { SqliteTrafficStore } from '../../store/sqlite/sqlite-store.js';
import { storePath } from '../../store/recording-setup.js';
import { UsageError } from '../command.js';

export const storeOptions = {
  db: { type: 'string' },
  config: { type: 'string', short: 'c' },
} as const;

/** The recorded traffic, read-only: --db FILE, else the config's store, else ./vigil-data/vigil.db. */
export function openStoreForQuery(v: { db?: string; config?: string }): SqliteTrafficStore {
  const path = v.db ? resolve(v.db) : v.config ? storePath(loadConfig(v.config)) : resolve(normaliseStore({}).path);
  if (!existsSync(path)) throw new UsageError(`no recorded traffic at ${path} (record with the gateway's store setting or vigil ingest; or give --db)`);
  return new SqliteTrafficStore(path, { readonly: true });
}
