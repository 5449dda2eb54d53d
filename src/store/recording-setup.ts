import { resolve } from 'node:path';
import type { StoreConfig, VigilConfig } from '../config/types.js';
import { normaliseStore } from '../config/load.js';
import { compileRedactionRules } from '../redact/rules.js';
import { Redactor } from '../redact/redactor.js';
import { Recorder, type RecorderOptions } from './recorder/recorder.js';

export function redactorFor(cfg: VigilConfig): Redactor {
  return new Redactor(compileRedactionRules(cfg.redaction));
}

/** The store file a config records to (relative to the config file), or the default ./vigil-data/vigil.db. */
export function storePath(cfg: VigilConfig, store: StoreConfig | undefined = cfg.store): string {
  return resolve(cfg.baseDir, (store ?? normaliseStore({})).path);
}

/** The recorder a config asks for; `store` overrides the config's section (ingest records by default). */
export function recorderFor(cfg: VigilConfig, store: StoreConfig | undefined = cfg.store, extra: Partial<RecorderOptions> = {}): Recorder | undefined {
  if (!store) return undefined;
  const days = store.retention.max_age_days;
  const mb = store.retention.max_size_mb;
  return new Recorder({
    path: storePath(cfg, store),
    redactor: redactorFor(cfg),
    record: { maxBodyChars: store.max_body_bytes, headers: store.headers },
    maxQueued: store.max_queued,
    journalMaxBytes: Math.round(store.journal_max_mb * 1024 * 1024),
    retention: { maxAgeMs: days === undefined ? undefined : days * 86_400_000, maxBytes: mb === undefined ? undefined : mb * 1024 * 1024 },
    ...extra,
  });
}
