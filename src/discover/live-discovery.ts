import type { Alert, Severity } from '../alerts/alert.js';
import { newAlertId } from '../alerts/alert-engine.js';
import type { Exchange } from '../exchange/exchange.js';
import type { ExchangeConsumer } from '../pipeline/consumer.js';
import { Inventory, type InventoryEvent } from './inventory.js';
import type { SpecCatalog } from './spec-catalog.js';
import type { SensitiveClass } from './sensitive-classes.js';

// The inventory kept live on the pipeline (gateway, ingest): once the learning period is over, an endpoint or a
// sensitive field not seen before becomes an alert.

export interface LiveDiscoveryOptions {
  /** Seconds after start during which what is seen is learned, not alerted (a restart must not re-announce the API). */
  learnSeconds: number;
  /** Requests an endpoint needs before it is announced. */
  announceAfter: number;
  /** Endpoints documented here are not new (shadow ones are). */
  specs?: SpecCatalog;
  onAlert: (alert: Alert) => void;
  /** How often events are checked when traffic is light; default 5 s. */
  checkMs?: number;
  now?: () => number;
}

const SEVERE: ReadonlySet<SensitiveClass> = new Set(['card-number', 'us-ssn', 'iban', 'api-key', 'password', 'jwt']);

/** Only answered requests make an endpoint: blocked probes and 404/405 answers (scanners, typos) do not. */
function answered(ex: Exchange): boolean {
  const status = ex.response?.status ?? 0;
  return ex.decision.action !== 'block' && status !== 0 && status !== 404 && status !== 405;
}

export class LiveDiscovery implements ExchangeConsumer {
  readonly name = 'discovery';
  readonly inventory: Inventory;
  private readonly learnUntil: number;
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly options: LiveDiscoveryOptions) {
    this.now = options.now ?? Date.now;
    this.learnUntil = this.now() + options.learnSeconds * 1000;
    this.inventory = new Inventory({ announceAfter: options.announceAfter, onEvent: (e) => this.onEvent(e) });
    this.timer = setInterval(() => this.inventory.checkEvents(), options.checkMs ?? 5000);
    this.timer.unref();
  }

  consume(ex: Exchange): void {
    if (answered(ex)) this.inventory.consume(ex);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.inventory.close();
  }

  private onEvent(e: InventoryEvent): void {
    const now = this.now();
    if (now < this.learnUntil) return;
    const ep = e.endpoint;
    const where = `${ep.method} ${ep.host}${ep.path}`;
    if (e.type === 'new-endpoint') {
      const documented = this.options.specs?.match(ep.host, ep.method, concretePath(ep.path)) !== undefined;
      if (documented) return;
      const spec = this.options.specs && this.options.specs.size > 0 ? ' (in no API description: shadow)' : '';
      this.options.onAlert(discoveryAlert('discovery.new-endpoint', 'low', `new endpoint ${where}${spec}`, where, undefined, now, ep.stats.firstSeen, ep.stats.requests));
    } else {
      const f = e.field;
      const severity: Severity = SEVERE.has(f.class) ? 'high' : 'medium';
      this.options.onAlert(discoveryAlert('discovery.new-sensitive-field', severity, `${f.class} seen in ${f.location} of ${where}`, where, f.location, now, ep.stats.firstSeen, f.count));
    }
  }
}

/** A template's parameters filled in, so the spec's router can match it: /users/{id} → /users/1. */
function concretePath(template: string): string {
  return template.replace(/\{[^/}]*\}/g, '1');
}

function discoveryAlert(rule: string, severity: Severity, message: string, route: string, parameter: string | undefined, now: number, firstSeen: number, count: number): Alert {
  return {
    id: newAlertId(now),
    type: 'discovery',
    severity,
    control: 'discovery',
    rule,
    message,
    parameter,
    actor: { ip: '0.0.0.0' },
    route,
    action: 'allow',
    requestIds: [],
    firstSeen: Number.isFinite(firstSeen) ? firstSeen : now,
    lastSeen: now,
    count,
  };
}
