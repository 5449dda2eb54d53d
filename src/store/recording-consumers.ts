import type { StoreConfig, VigilConfig } from '../config/types.js';
import type { Exchange } from '../exchange/exchange.js';
import type { ExchangeConsumer } from '../pipeline/consumer.js';
import { AlertEngine } from '../alerts/alert-engine.js';
import { createSinks } from '../alerts/sinks/create-sink.js';
import type { AlertSink } from '../alerts/sinks/queued-sink.js';
import type { Recorder } from './recorder/recorder.js';
import { recorderFor, redactorFor } from './recording-setup.js';
import { resolve } from 'node:path';
import { BehaviourConsumer } from '../behaviour/consumer.js';
import { loadRules } from '../behaviour/rule-load.js';
import { LiveDiscovery } from '../discover/live-discovery.js';
import { SpecCatalog } from '../discover/spec-catalog.js';

/**
 * Recording and alerting as one consumer, so that they stop in order: alerts are flushed to the sinks and to the
 * store first, then the sinks drain, then the recorder writes what is left.
 */
export class RecordingOutputs implements ExchangeConsumer {
  readonly name = 'recording';

  constructor(
    readonly recorder: Recorder | undefined,
    readonly alerts: AlertEngine | undefined,
    readonly sinks: AlertSink[],
  ) {}

  consume(ex: Exchange): void {
    this.recorder?.consume(ex);
    this.alerts?.consume(ex);
  }

  async close(): Promise<void> {
    await this.alerts?.close();
    await Promise.allSettled(this.sinks.map((s) => s.close()));
    await this.recorder?.close();
  }
}

/**
 * The recording and alerting a config asks for: the recorder when `store` is set (or given, as ingest does by
 * default), alerts when there is a store to keep them or sinks to send them to. Without `alerting` (cluster mode,
 * where `vigil worker` analyses the event stream), the recorder only.
 */
export function recordingConsumers(cfg: VigilConfig, store: StoreConfig | undefined = cfg.store, alerting = true): ExchangeConsumer[] {
  if (!alerting) {
    const recorder = recorderFor(cfg, store);
    return recorder ? [new RecordingOutputs(recorder, undefined, [])] : [];
  }
  const sinks = createSinks(cfg);
  const late: { recorder?: Recorder } = {};
  const engine = new AlertEngine(cfg.alerts ?? { dedup_window_s: 300, suppress: [], min_severity: 'low' }, redactorFor(cfg), {
    send: (alert, update) => {
      for (const s of sinks) s.send(alert, update);
    },
    record: (alerts) => late.recorder?.recordAlerts(alerts),
  });
  late.recorder = recorderFor(cfg, store, {
    onLoss: (count, reason) => engine.raiseSystem('recorder', `recorder.${reason}`, `${count} exchange(s) could not be recorded (${reason})`, count),
  });
  if (!late.recorder && sinks.length === 0 && !cfg.behaviour && !cfg.discovery) {
    void engine.close();
    return [];
  }
  const outputs: ExchangeConsumer[] = [new RecordingOutputs(late.recorder, engine, sinks)];
  if (cfg.behaviour) outputs.unshift(behaviourConsumer(cfg, engine));
  if (cfg.discovery) outputs.unshift(discoveryConsumer(cfg, engine));
  return outputs;
}

/**
 * Behavioural detection on live traffic. Signature findings come from the detection control already, so the
 * analyser does not run signatures again; its alerts join the others (store and sinks).
 */
function behaviourConsumer(cfg: VigilConfig, engine: AlertEngine): ExchangeConsumer {
  const b = cfg.behaviour ?? {};
  const files = (b.rules ?? []).map((f) => resolve(cfg.baseDir, f));
  return new BehaviourConsumer({ rules: loadRules(files, !b.no_shipped_rules), signatures: false, onAlert: (a) => engine.raise(a) });
}

/** The live inventory; endpoints in the policy's API descriptions are known, so only shadow ones are announced. */
function discoveryConsumer(cfg: VigilConfig, engine: AlertEngine): ExchangeConsumer {
  const d = cfg.discovery ?? {};
  const specs = new SpecCatalog();
  for (const file of Object.values(cfg.specs)) specs.add(resolve(cfg.baseDir, file));
  return new LiveDiscovery({ learnSeconds: d.learn_s ?? 300, announceAfter: d.announce_after ?? 3, specs, onAlert: (a) => engine.raise(a) });
}
