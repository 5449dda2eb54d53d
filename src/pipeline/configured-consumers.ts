import { resolve } from 'node:path';
import type { VigilConfig } from '../config/types.js';
import type { ExchangeConsumer } from './consumer.js';
import { DecisionEventFile } from '../events/event-file.js';
import { recordingConsumers } from '../store/recording-consumers.js';
import { clusterConsumers } from '../cluster/engines.js';

/** The consumers a config asks for (event file, recording, sinks), shared by the gateway and ingest. */
export function configuredConsumers(cfg: VigilConfig): ExchangeConsumer[] {
  const out: ExchangeConsumer[] = [];
  if (cfg.events?.file) out.push(new DecisionEventFile(resolve(cfg.baseDir, cfg.events.file)));
  // in cluster mode (events to NATS, store in PostgreSQL) alerts and behaviour run once, in `vigil worker`
  const analysedByWorkers = cfg.cluster?.nats !== undefined && cfg.cluster.postgres !== undefined;
  out.push(...recordingConsumers(cfg, cfg.store, !analysedByWorkers));
  out.push(...clusterConsumers(cfg));
  return out;
}
