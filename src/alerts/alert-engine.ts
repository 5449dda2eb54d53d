import { createHash, randomBytes } from 'node:crypto';
import type { AlertsConfig } from '../config/types.js';
import type { Exchange } from '../exchange/exchange.js';
import type { ExchangeConsumer } from '../pipeline/consumer.js';
import type { Redactor } from '../redact/redactor.js';
import { CidrSet } from '../net/cidr.js';
import { alertMetrics } from '../store/metrics.js';
import { MAX_EVIDENCE_IDS, severityRank, type Alert } from './alert.js';
import { alertType, findingSeverity, reasonSeverity } from './classify.js';

/** Where alerts go: sinks (sent) and the store (recorded, for timelines). */
export interface AlertOutput {
  send(alert: Alert, update: boolean): void;
  record(alerts: Alert[]): void;
}

interface OpenAlert {
  alert: Alert;
  /** Occurrences since the alert was last sent. */
  unsent: number;
  closesAt: number;
  suppressed: boolean;
}

const MAX_OPEN = 10_000;

/**
 * Raises alerts from exchanges that were blocked or would have been (one per reason), or that carry findings
 * without a detection reason (one per finding rule). Occurrences of the
 * same (type, rule, actor, route) within the dedup window update one alert: it is sent when first seen, and sent
 * again (same id, new count) at most once per flush interval while it keeps happening. Suppression rules keep an
 * alert out of the sinks (it is still recorded).
 */
export class AlertEngine implements ExchangeConsumer {
  readonly name = 'alerts';
  private readonly open = new Map<string, OpenAlert>();
  private readonly timer: NodeJS.Timeout;
  private readonly suppress: { rule: AlertsConfig['suppress'][number]; ips?: CidrSet }[];

  constructor(
    private readonly cfg: AlertsConfig,
    private readonly redactor: Redactor,
    private readonly output: AlertOutput,
    flushMs = Math.min(10_000, Math.max(100, cfg.dedup_window_s * 1000)),
  ) {
    this.suppress = cfg.suppress.map((rule) => ({ rule, ips: rule.ip ? new CidrSet([rule.ip]) : undefined }));
    this.timer = setInterval(() => this.flush(Date.now()), flushMs);
    this.timer.unref();
  }

  consume(ex: Exchange): void {
    if (ex.decision.action === 'allow' && ex.findings.length === 0) return;
    const seen = new Set<string>();
    for (const r of ex.decision.reasons) {
      seen.add(r.rule);
      this.occur(ex, {
        type: alertType(r.control, r.rule),
        severity: reasonSeverity(r, ex.decision.action),
        control: r.control,
        rule: r.rule,
        message: r.message,
        parameter: r.location,
        evidence: r.evidence,
      });
    }
    // a detection reason already stands for the findings that made its score: they are its evidence
    if (ex.decision.reasons.some((r) => r.control === 'detect' || r.control.startsWith('detect.'))) return;
    for (const f of ex.findings) {
      if (seen.has(f.rule)) continue;
      seen.add(f.rule);
      this.occur(ex, { type: f.category, severity: findingSeverity(f), control: `detect.${f.category}`, rule: f.rule, message: `${f.category} (${f.rule})`, parameter: f.location, evidence: f.evidence });
    }
  }

  /**
   * An alert raised elsewhere (behaviour rules), already deduplicated there: recorded and sent like the others,
   * and sent again as an update when raised again with the same id.
   */
  raise(alert: Alert, now = Date.now()): void {
    const key = `external|${alert.id}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.alert.count = alert.count;
      existing.alert.lastSeen = alert.lastSeen;
      existing.unsent++;
      return;
    }
    this.start(key, alert, now);
  }

  /** An alert about Vigil itself (a recorder losing data, a sink dropping alerts). */
  raiseSystem(type: string, rule: string, message: string, count: number, now = Date.now()): void {
    const key = `system|${type}|${rule}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.alert.count += count;
      existing.alert.lastSeen = now;
      existing.unsent += count;
      return;
    }
    const alert: Alert = { id: newAlertId(now), type, severity: 'high', control: 'vigil', rule, message, actor: { ip: '0.0.0.0' }, action: 'allow', requestIds: [], firstSeen: now, lastSeen: now, count };
    this.start(key, alert, now);
  }

  private occur(ex: Exchange, what: Pick<Alert, 'type' | 'severity' | 'control' | 'rule' | 'message' | 'parameter' | 'evidence'>): void {
    const now = ex.timings.start;
    const actor = ex.principal?.id ?? ex.client.ip;
    const route = ex.route.name ?? ex.route.template;
    const key = `${what.type}|${what.rule}|${actor}|${route ?? ''}`;
    const existing = this.open.get(key);
    if (existing && now <= existing.closesAt) {
      const a = existing.alert;
      a.count++;
      a.lastSeen = Math.max(a.lastSeen, now);
      a.action = ex.decision.action === 'would-block' || a.action === 'would-block' ? 'would-block' : ex.decision.action;
      if (a.requestIds.length < MAX_EVIDENCE_IDS) a.requestIds.push(ex.id);
      a.request = this.requestOf(ex);
      existing.unsent++;
      return;
    }
    if (existing) this.closeOne(key, existing);
    const r = this.redactor;
    const alert: Alert = {
      id: exchangeAlertId(now, key, ex.id),
      ...what,
      message: r.text(what.message),
      ...(what.evidence !== undefined ? { evidence: r.text(what.evidence) } : {}),
      actor: {
        ip: ex.client.ip,
        ...(ex.principal ? { principal: r.text(ex.principal.id) } : {}),
        ...(ex.client.country ? { country: ex.client.country } : {}),
        ...(ex.client.asn !== undefined ? { asn: ex.client.asn } : {}),
      },
      ...(route !== undefined ? { route } : {}),
      action: ex.decision.action,
      requestIds: [ex.id],
      firstSeen: now,
      lastSeen: now,
      count: 1,
      request: this.requestOf(ex),
    };
    this.start(key, alert, now);
  }

  private requestOf(ex: Exchange): Alert['request'] {
    const ua = ex.request.headers['user-agent'];
    return {
      id: ex.id,
      method: ex.request.method,
      host: ex.request.host,
      path: this.redactor.text(ex.request.path),
      query: this.redactor.query(ex.request.query),
      ...(ex.response ? { status: ex.response.status } : {}),
      ...(typeof ua === 'string' ? { userAgent: this.redactor.text(ua) } : {}),
      scheme: ex.request.scheme,
    };
  }

  private start(key: string, alert: Alert, now: number): void {
    if (this.open.size >= MAX_OPEN) {
      const [oldestKey, oldest] = this.open.entries().next().value as [string, OpenAlert];
      this.closeOne(oldestKey, oldest);
    }
    const suppressed = this.isSuppressed(alert);
    const entry: OpenAlert = { alert, unsent: 0, closesAt: now + this.cfg.dedup_window_s * 1000, suppressed };
    this.open.set(key, entry);
    alertMetrics.raised.inc({ type: alert.type, severity: alert.severity });
    this.output.record([alert]);
    if (suppressed) alertMetrics.suppressed.inc();
    else if (severityRank[alert.severity] >= severityRank[this.cfg.min_severity]) this.output.send(structuredClone(alert), false);
  }

  private isSuppressed(a: Alert): boolean {
    return this.suppress.some(
      ({ rule, ips }) =>
        (rule.type === undefined || rule.type === a.type) &&
        (rule.rule === undefined || rule.rule === a.rule) &&
        (rule.route === undefined || rule.route === a.route) &&
        (rule.principal === undefined || rule.principal === a.actor.principal) &&
        (ips === undefined || ips.has(a.actor.ip)),
    );
  }

  /** Sends updates of alerts that kept happening, and forgets those whose window closed. */
  flush(now: number): void {
    const updated: Alert[] = [];
    for (const [key, entry] of this.open) {
      if (entry.unsent > 0) {
        updated.push(entry.alert);
        this.sendUpdate(entry);
      }
      if (now > entry.closesAt) this.open.delete(key);
    }
    if (updated.length) this.output.record(updated.map((a) => structuredClone(a)));
  }

  private sendUpdate(entry: OpenAlert): void {
    entry.unsent = 0;
    if (!entry.suppressed && severityRank[entry.alert.severity] >= severityRank[this.cfg.min_severity]) this.output.send(structuredClone(entry.alert), true);
  }

  private closeOne(key: string, entry: OpenAlert): void {
    if (entry.unsent > 0) {
      this.output.record([structuredClone(entry.alert)]);
      this.sendUpdate(entry);
    }
    this.open.delete(key);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.flush(Number.MAX_SAFE_INTEGER);
  }
}

/** A fresh alert id (alerts not tied to one exchange: system alerts, live discovery). */
export function newAlertId(now: number): string {
  return `al-${now.toString(36)}${randomBytes(6).toString('hex')}`;
}

/** The id of an alert raised by an exchange: the same exchange analysed again (a redelivery) raises the same id. */
function exchangeAlertId(now: number, key: string, exchangeId: string): string {
  return `al-${now.toString(36)}${createHash('sha256').update(`${key}\u0000${exchangeId}`).digest('hex').slice(0, 12)}`;
}
