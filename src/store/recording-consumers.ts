import type { StoreConfig, VigilConfig } from '../config/types.js';
import type { ExchangeConsumer } from '../pipeline/consumer.js';
import { recorderFor } from './recording-setup.js';

/**
 * Recording and alerting consumers a config asks for: the recorder when `store` is set (or `store` is given,
 * as ingest does by default).
 */
export function recordingConsumers(cfg: VigilConfig, store: StoreConfig | undefined = cfg.store): ExchangeConsumer[] {
  const recorder = recorderFor(cfg, store);
  return recorder ? [recorder] : [];
}
