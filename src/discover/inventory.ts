import type { Exchange } from '../exchange/exchange.js';
import type { ExchangeConsumer } from '../pipeline/consumer.js';
import { DEFAULT_LIMITS, type EndpointLimits, type SensitiveField } from './endpoint-stats.js';
import { PathTree } from './path-tree.js';
import { templatesOf, type TemplatedEndpoint } from './templating.js';

// The API inventory built from traffic: one path tree per host, fed exchange by exchange. As a consumer it queues
// exchanges and works through them off the request path; `endpoints()` templates the trees on demand.

export interface DiscoveredEndpoint extends TemplatedEndpoint {
  host: string;
}

export type InventoryEvent =
  | { type: 'new-endpoint'; endpoint: DiscoveredEndpoint }
  | { type: 'new-sensitive-field'; endpoint: DiscoveredEndpoint; field: SensitiveField };

export interface InventoryOptions extends Partial<EndpointLimits> {
  onEvent?: (e: InventoryEvent) => void;
  /** An endpoint is announced once it has had this many requests (fewer may still turn out to be a parameter value). */
  announceAfter?: number;
  /** Exchanges between two checks for events when running as a consumer. */
  checkEvery?: number;
  /** Exchanges held in the consumer queue; more are dropped and counted. */
  maxQueue?: number;
}

const BATCH = 256;

export class Inventory implements ExchangeConsumer {
  readonly name = 'discovery';
  private readonly trees = new Map<string, PathTree>();
  private readonly limits: EndpointLimits;
  private readonly announced = new Set<string>();
  private readonly queue: Exchange[] = [];
  private draining = false;
  private sinceCheck = 0;
  dropped = 0;
  ingested = 0;

  constructor(private readonly options: InventoryOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...definedLimits(options) };
  }

  /** Adds one exchange now. */
  ingest(ex: Exchange): void {
    const host = normaliseHost(ex.request.host);
    let tree = this.trees.get(host);
    if (!tree) this.trees.set(host, (tree = new PathTree()));
    tree.endpointFor(ex.request.path, ex.request.method.toUpperCase()).observe(ex, this.limits);
    this.ingested++;
  }

  /** ExchangeConsumer: queues the exchange and returns at once. */
  consume(ex: Exchange): void {
    if (this.queue.length >= (this.options.maxQueue ?? 10_000)) {
      this.dropped++;
      return;
    }
    this.queue.push(ex);
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => this.drain());
    }
  }

  async close(): Promise<void> {
    while (this.queue.length) this.drainBatch();
    this.checkEvents();
  }

  private drain(): void {
    this.drainBatch();
    if (this.sinceCheck >= (this.options.checkEvery ?? 1000)) this.checkEvents();
    if (this.queue.length) setImmediate(() => this.drain());
    else this.draining = false;
  }

  private drainBatch(): void {
    for (const ex of this.queue.splice(0, BATCH)) {
      this.ingest(ex);
      this.sinceCheck++;
    }
  }

  endpoints(): DiscoveredEndpoint[] {
    const out: DiscoveredEndpoint[] = [];
    for (const [host, tree] of [...this.trees.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      for (const t of templatesOf(tree)) out.push({ ...t, host });
    return out;
  }

  /** Announces endpoints and sensitive fields not announced before. Call it after a batch of `ingest` calls. */
  checkEvents(): void {
    this.sinceCheck = 0;
    const onEvent = this.options.onEvent;
    if (!onEvent) return;
    const threshold = this.options.announceAfter ?? 2;
    for (const endpoint of this.endpoints()) {
      if (endpoint.stats.requests < threshold) continue;
      const key = `${endpoint.method} ${endpoint.host}${endpoint.path}`;
      if (!this.announced.has(key)) {
        this.announced.add(key);
        onEvent({ type: 'new-endpoint', endpoint });
      }
      for (const field of endpoint.stats.sensitive.values()) {
        const fieldKey = `${key} ${field.location} ${field.class}`;
        if (this.announced.has(fieldKey)) continue;
        this.announced.add(fieldKey);
        onEvent({ type: 'new-sensitive-field', endpoint, field });
      }
    }
  }
}

function definedLimits(o: InventoryOptions): Partial<EndpointLimits> {
  const out: Partial<EndpointLimits> = {};
  if (o.maxBodySamples !== undefined) out.maxBodySamples = o.maxBodySamples;
  if (o.maxExamples !== undefined) out.maxExamples = o.maxExamples;
  return out;
}

export function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/:(80|443)$/, '');
}
