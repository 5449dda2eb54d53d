import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Exchange } from '../../exchange/exchange.js';

/** Prometheus metrics of one gateway process; the primary aggregates every worker's registry. */
export class GatewayMetrics {
  readonly registry = new Registry();

  constructor() {
    // the process's own health: event-loop delay and GC pauses are where a gateway's latency tail comes from
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }
  private readonly requests = new Counter({
    name: 'vigil_requests_total',
    help: 'Exchanges by route and decision',
    labelNames: ['route', 'action'] as const,
    registers: [this.registry],
  });
  private readonly reasons = new Counter({
    name: 'vigil_decision_reasons_total',
    help: 'Reasons raised by controls, by control, rule and mode (enforce blocks, monitor would block)',
    labelNames: ['control', 'rule', 'mode'] as const,
    registers: [this.registry],
  });
  private readonly upstreamErrors = new Counter({
    name: 'vigil_upstream_errors_total',
    help: 'Upstream connection errors and timeouts',
    labelNames: ['upstream'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'vigil_request_duration_seconds',
    help: 'Time from request to response end',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });

  private readonly requestChildren = new Map<string, { inc(): void }>();

  observe(ex: Exchange): void {
    const route = ex.route.name ?? '(unmatched)';
    const key = `${route}\u0000${ex.decision.action}`;
    let child = this.requestChildren.get(key);
    if (!child) {
      child = this.requests.labels(route, ex.decision.action);
      this.requestChildren.set(key, child);
    }
    child.inc();
    for (const r of ex.decision.reasons) this.reasons.inc({ control: r.control, rule: r.rule, mode: r.mode });
    if (ex.timings.total !== undefined) this.duration.observe(ex.timings.total / 1000);
  }

  private readonly internalErrors = new Counter({
    name: 'vigil_internal_errors_total',
    help: 'Requests that met a bug in the gateway (answered 500, process kept serving)',
    registers: [this.registry],
  });

  internalError(): void {
    this.internalErrors.inc();
  }

  upstreamError(upstream: string): void {
    this.upstreamErrors.inc({ upstream });
  }
}
