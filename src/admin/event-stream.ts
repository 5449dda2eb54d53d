import type http from 'node:http';
import type { Alert } from '../alerts/alert.js';
import type { TrafficStore } from '../store/store.js';
import type { LiveEvent } from './api-types.js';
import type { AlertTriage } from './alert-triage.js';
import { alertView, exchangeSummary } from './views.js';

// The live stream (Server-Sent Events) fed by tailing the store: one mechanism for a single process and for a
// cluster (every worker records into the same store, the primary reads it), and what is streamed is what was
// recorded — redacted. An exchange is stored once it completes, with its start time, so each poll looks back a
// little and remembers what it has sent.

const POLL_MS = 500;
const LOOKBACK_MS = 30_000;
const MAX_PER_POLL = 500;
const HEARTBEAT_MS = 15_000;

export class EventStream {
  private readonly clients = new Set<http.ServerResponse>();
  private readonly sentExchanges = new Map<string, number>();
  private readonly sentAlerts = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private polling = false;
  private cursor = Date.now();

  constructor(
    private readonly store: TrafficStore,
    private readonly triage: AlertTriage,
    private readonly pollMs = POLL_MS,
  ) {}

  /** Answers an SSE request and keeps it until the client goes. */
  attach(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 2000\n: connected\n\n`);
    this.clients.add(res);
    req.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stop();
    });
    this.start();
  }

  private start(): void {
    if (this.timer) return;
    this.cursor = Date.now();
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.heartbeat = setInterval(() => this.broadcastRaw(': heartbeat\n\n'), HEARTBEAT_MS);
  }

  private stop(): void {
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
    this.timer = undefined;
    this.sentExchanges.clear();
    this.sentAlerts.clear();
  }

  close(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
    this.stop();
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const now = Date.now();
      const since = this.cursor - LOOKBACK_MS;
      const records = await this.store.find({ since }, { limit: MAX_PER_POLL, order: 'desc' });
      for (const r of records.reverse()) {
        if (this.sentExchanges.has(r.id)) continue;
        this.sentExchanges.set(r.id, r.time);
        this.send({ type: 'exchange', exchange: exchangeSummary(r) });
      }
      const alerts = await this.store.findAlerts({ since, limit: MAX_PER_POLL });
      for (const a of alerts) this.sendAlert(a);
      this.cursor = now;
      forget(this.sentExchanges, since);
      forget(this.sentAlerts, since);
    } catch {
      // the store is busy or gone: the next poll tries again
    } finally {
      this.polling = false;
    }
  }

  private sendAlert(a: Alert): void {
    // an alert is sent again when it is seen again (its count grew)
    if (this.sentAlerts.get(a.id) === a.lastSeen) return;
    this.sentAlerts.set(a.id, a.lastSeen);
    this.send({ type: 'alert', alert: alertView(a, this.triage.get(a.id)) });
  }

  private send(e: LiveEvent): void {
    this.broadcastRaw(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  }

  private broadcastRaw(text: string): void {
    for (const c of this.clients) c.write(text);
  }
}

function forget(sent: Map<string, number>, before: number): void {
  for (const [id, t] of sent) if (t < before) sent.delete(id);
}
