import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { JsMsg, NatsConnection } from 'nats';
import type { Redis } from 'ioredis';
import type { VigilConfig } from '../../config/types.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { TrafficStore } from '../../store/store.js';
import { AlertEngine } from '../../alerts/alert-engine.js';
import { createSinks } from '../../alerts/sinks/create-sink.js';
import type { AlertSink } from '../../alerts/sinks/queued-sink.js';
import { Analyzer } from '../../behaviour/analyzer.js';
import type { BehaviourAlert } from '../../behaviour/behaviour-alert.js';
import { loadRules } from '../../behaviour/rule-load.js';
import { redactorFor } from '../../store/recording-setup.js';
import { decodeExchange, MalformedMessage } from '../events/exchange-message.js';
import { ensureDurableConsumer, ensureExchangeStream } from '../events/jetstream-setup.js';
import { AlertWriter } from './alert-writer.js';
import { ContinuousPull } from './continuous-pull.js';
import { LeaderLease } from './leader-lease.js';

export interface AnalysisWorkerOptions {
  nc: NatsConnection;
  stream: string;
  /** The analysis consumer's durable name; default vigil-analysis. */
  durable?: string;
  /** Where alerts are kept (the shared store). */
  store: Pick<TrafficStore, 'upsertAlerts'>;
  /** Alert rules, sinks, behaviour rules and redaction come from the policy. */
  cfg: VigilConfig;
  /** With Redis, one analysis runs at a time across all workers (a lease); without, this one always runs. */
  redis?: Redis;
  leaseKey?: string;
  leaseMs?: number;
  log?: (line: string) => void;
}

export interface AnalysisStats {
  analysed: number;
  malformed: number;
  /** Times this worker became the analysis leader. */
  terms: number;
}

/**
 * The stream's analysis: behaviour rules and the alert engine over every gateway's exchanges, so counters (per
 * account, fingerprint, address) are global and each alert is raised once. Alerts go to the shared store and to
 * the configured sinks. Messages are acknowledged after they are analysed and the alerts they raised are written
 * (or queued for a retry while the store is down).
 */
export class AnalysisWorker {
  readonly stats: AnalysisStats = { analysed: 0, malformed: 0, terms: 0 };
  private lease?: LeaderLease;
  private running?: { pull: ContinuousPull; engines: AnalysisEngines; writer: AlertWriter; flusher: NodeJS.Timeout };
  private readonly durable: string;

  constructor(private readonly opts: AnalysisWorkerOptions) {
    this.durable = opts.durable ?? 'vigil-analysis';
  }

  get leading(): boolean {
    return this.running !== undefined;
  }

  async start(): Promise<void> {
    const jsm = await this.opts.nc.jetstreamManager();
    await ensureExchangeStream(jsm, this.opts.stream);
    await ensureDurableConsumer(jsm, this.opts.stream, this.durable, 10_000);
    if (!this.opts.redis) return this.begin();
    this.lease = new LeaderLease({
      redis: this.opts.redis,
      key: this.opts.leaseKey ?? `vigil:analysis:${this.opts.stream}`,
      ttlMs: this.opts.leaseMs,
      onChange: (leading) => (leading ? this.begin() : this.end()),
      log: this.opts.log,
    });
    this.lease.start();
  }

  async stop(): Promise<void> {
    if (this.lease) await this.lease.stop();
    else await this.end();
  }

  private async begin(): Promise<void> {
    this.stats.terms++;
    const writer = new AlertWriter(this.opts.store, 10_000, this.opts.log);
    const engines = new AnalysisEngines(this.opts.cfg, writer);
    const pull = new ContinuousPull({
      nc: this.opts.nc,
      stream: this.opts.stream,
      durable: this.durable,
      batch: 256,
      handle: (msgs) => this.analyse(msgs, engines, writer),
      log: this.opts.log,
    });
    const flusher = setInterval(() => void writer.flush(), 1000);
    this.running = { pull, engines, writer, flusher };
    await pull.start();
    this.opts.log?.(`analysis: leading (consumer ${this.durable}, ${engines.ruleCount} behaviour rule(s))`);
  }

  private async end(): Promise<void> {
    const r = this.running;
    if (!r) return;
    this.running = undefined;
    await r.pull.stop();
    clearInterval(r.flusher);
    await r.engines.close();
    await r.writer.flush();
    this.opts.log?.('analysis: stopped');
  }

  private async analyse(msgs: JsMsg[], engines: AnalysisEngines, writer: AlertWriter): Promise<void> {
    const good: JsMsg[] = [];
    for (const m of msgs) {
      try {
        engines.observe(decodeExchange(m.data).exchange);
        this.stats.analysed++;
        good.push(m);
      } catch (e) {
        if (!(e instanceof MalformedMessage)) throw e;
        this.stats.malformed++;
        m.term();
      }
    }
    await writer.flush();
    for (const m of good) m.ack();
  }
}

/** The alert engine, the behaviour analyser and the sinks of one leadership term. */
class AnalysisEngines {
  private readonly sinks: AlertSink[];
  private readonly alerts: AlertEngine;
  private readonly behaviour?: Analyzer;
  private seq = 0;

  constructor(cfg: VigilConfig, writer: AlertWriter) {
    this.sinks = createSinks(cfg);
    this.alerts = new AlertEngine(cfg.alerts ?? { dedup_window_s: 300, suppress: [], min_severity: 'low' }, redactorFor(cfg), {
      send: (alert, update) => {
        for (const s of this.sinks) s.send(alert, update);
      },
      record: (alerts) => writer.record(alerts),
    });
    if (cfg.behaviour) {
      const files = (cfg.behaviour.rules ?? []).map((f) => resolve(cfg.baseDir, f));
      // signature findings come with the exchange (the gateway's detection): not run again here
      this.behaviour = new Analyzer(loadRules(files, !cfg.behaviour.no_shipped_rules), {
        signatures: false,
        onAlert: (a) => {
          a.id = stableBehaviourId(a);
          this.alerts.raise(a);
        },
      });
    }
  }

  get ruleCount(): number {
    return this.behaviour?.engine.rules.length ?? 0;
  }

  observe(ex: Exchange): void {
    this.behaviour?.observe(ex, this.seq++);
    this.alerts.consume(ex);
  }

  async close(): Promise<void> {
    await this.alerts.close();
    await Promise.allSettled(this.sinks.map((s) => s.close()));
  }
}

/**
 * A behaviour alert's id from what raised it (rule, group, first evidence exchange) rather than a per-process
 * counter: workers and leadership terms never reuse an id, and the same exchanges analysed again (redelivered
 * after a failover) raise the same id, which the store upserts instead of adding a row.
 */
function stableBehaviourId(a: BehaviourAlert): string {
  const digest = createHash('sha256').update(`${a.rule}\u0000${a.groupKey}\u0000${a.requestIds[0] ?? a.firstSeen}`).digest('hex');
  return `${a.rule}:${digest.slice(0, 16)}`;
}
