import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VigilConfig } from '../config/types.js';
import { SqliteTrafficStore } from '../store/sqlite/sqlite-store.js';
import { storePath } from '../store/recording-setup.js';
import type { AdminSources } from './admin-server.js';
import { DeferredPostgresStore } from '../store/postgres/deferred-store.js';

/**
 * What the admin API reads besides metrics and blocks, from a config: the store it records to (opened here for
 * reading; the recorder threads write it) or, in cluster mode, the shared PostgreSQL store (every instance shows
 * the global record), the triage file beside it, the validation state directory
 * (VIGIL_VALIDATE_STATE_DIR, else vigil-data/validate when it exists) and the running configuration.
 */
export function adminDataSources(config: () => VigilConfig): Pick<AdminSources, 'store' | 'triageFile' | 'validationDir' | 'config'> {
  const cfg = config();
  const validationDir = process.env.VIGIL_VALIDATE_STATE_DIR ?? resolve(cfg.baseDir, 'vigil-data/validate');
  const out: ReturnType<typeof adminDataSources> = { config, validationDir: existsSync(validationDir) ? validationDir : undefined };
  const c = cfg.cluster;
  if (c?.postgres) {
    // alert triage (acknowledged, notes) stays per instance, beside the instance's data
    const store = new DeferredPostgresStore({ url: c.postgres, schema: c.postgres_schema, maxConnections: 2 });
    return { ...out, store, triageFile: resolve(cfg.baseDir, 'vigil-data/alert-triage.json') };
  }
  if (!cfg.store) return out;
  const path = storePath(cfg);
  return { ...out, store: new SqliteTrafficStore(path), triageFile: `${path}.triage.json` };
}
