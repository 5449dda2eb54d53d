import { Counter, Gauge, Registry } from 'prom-client';

/**
 * Metrics of recording and alerting (recorder, alert sinks) in this process. The gateway exposes them by merging
 * this registry with its own (Registry.merge, or AggregatorRegistry.setRegistries in a cluster worker).
 */
export const recordingRegistry = new Registry();

export const recorderMetrics = {
  recorded: new Counter({ name: 'vigil_recorder_recorded_total', help: 'Exchanges written to the store', registers: [recordingRegistry] }),
  spilled: new Counter({
    name: 'vigil_recorder_spilled_total',
    help: 'Exchanges written to the disk journal because the store was slow or failing',
    registers: [recordingRegistry],
  }),
  replayed: new Counter({ name: 'vigil_recorder_replayed_total', help: 'Journal rows replayed into the store', registers: [recordingRegistry] }),
  dropped: new Counter({
    name: 'vigil_recorder_dropped_total',
    help: 'Exchanges lost (never recorded), by reason',
    labelNames: ['reason'] as const,
    registers: [recordingRegistry],
  }),
  writeFailures: new Counter({ name: 'vigil_recorder_write_failures_total', help: 'Failed store writes (data kept in the journal)', registers: [recordingRegistry] }),
  queued: new Gauge({ name: 'vigil_recorder_queued', help: 'Exchanges held in memory for the store', registers: [recordingRegistry] }),
  journalBytes: new Gauge({ name: 'vigil_recorder_journal_bytes', help: 'Bytes waiting in the journal for replay', registers: [recordingRegistry] }),
};

export const alertMetrics = {
  raised: new Counter({ name: 'vigil_alerts_total', help: 'Alerts raised (new, not updates)', labelNames: ['type', 'severity'] as const, registers: [recordingRegistry] }),
  suppressed: new Counter({ name: 'vigil_alerts_suppressed_total', help: 'Alerts matched by a suppression rule', registers: [recordingRegistry] }),
  sent: new Counter({ name: 'vigil_sink_sent_total', help: 'Alerts delivered, by sink', labelNames: ['sink'] as const, registers: [recordingRegistry] }),
  retries: new Counter({ name: 'vigil_sink_retries_total', help: 'Failed deliveries that were retried', labelNames: ['sink'] as const, registers: [recordingRegistry] }),
  dropped: new Counter({
    name: 'vigil_sink_dropped_total',
    help: 'Alerts a sink lost (queue full, retries exhausted)',
    labelNames: ['sink', 'reason'] as const,
    registers: [recordingRegistry],
  }),
  queue: new Gauge({ name: 'vigil_sink_queue', help: 'Alerts waiting in a sink queue', labelNames: ['sink'] as const, registers: [recordingRegistry] }),
};
