import { resolve } from 'node:path';
import { normaliseStore, parseConfig } from '../../config/load.js';
import type { VigilConfig } from '../../config/types.js';
import { compilePolicy, type CompiledPolicy } from '../../policy/compile.js';
import { ConsumerSet } from '../../pipeline/consumer.js';
import { loadEngineDrivers } from '../../cluster/engines.js';
import { configuredConsumers } from '../../pipeline/configured-consumers.js';
import type { Recorder } from '../../store/recorder/recorder.js';
import { RecordingOutputs } from '../../store/recording-consumers.js';
import { storePath } from '../../store/recording-setup.js';
import { openGeoLookup } from '../gateway/geo-setup.js';
import type { GeoLookup } from '../gateway/geo-lookup.js';

/** The observe-only pipeline of an out-of-band source (ingest, mirror, middleware): policy, consumers, store. */
export interface ObservePipeline {
  cfg: VigilConfig;
  policy: CompiledPolicy;
  consumers: ConsumerSet;
  recorder?: Recorder;
  geo?: GeoLookup;
  storePath: string;
  close(): Promise<void>;
}

/** Without a policy file: every request is observed (monitor), nothing is refused, everything is recorded. */
export function defaultObserveConfig(): VigilConfig {
  return parseConfig('upstreams: { none: { url: "http://127.0.0.1:9" } }\ndefaults: { mode: monitor }\nunmatched: allow\n', '(defaults)');
}

/**
 * Out-of-band capture records by default: to the config's `store`, else ./vigil-data/vigil.db (from the current
 * directory); `db` overrides both.
 */
export async function openObservePipeline(cfg: VigilConfig, db?: string): Promise<ObservePipeline> {
  if (db) cfg.store = normaliseStore({ ...cfg.store, path: resolve(db) });
  else cfg.store ??= normaliseStore({ path: resolve('vigil-data/vigil.db') });
  const consumers = new ConsumerSet();
  let recorder: Recorder | undefined;
  await loadEngineDrivers(cfg);
  for (const c of configuredConsumers(cfg)) {
    consumers.add(c);
    if (c instanceof RecordingOutputs) recorder = c.recorder;
  }
  return {
    cfg,
    policy: compilePolicy(cfg),
    consumers,
    recorder,
    geo: await openGeoLookup(cfg),
    storePath: storePath(cfg),
    close: () => consumers.close(),
  };
}
