import type { Alert, Severity } from '../alert.js';
import { PRODUCT_VERSION } from './cef.js';

// Elastic Common Schema (8.x) documents, one per alert; Vigil-specific fields under `vigil`.

const ECS_SEVERITY: Record<Severity, number> = { low: 21, medium: 47, high: 73, critical: 99 };

export function toEcs(a: Alert): Record<string, unknown> {
  const req = a.request;
  return {
    '@timestamp': new Date(a.lastSeen).toISOString(),
    ecs: { version: '8.11.0' },
    message: a.message,
    event: {
      kind: 'alert',
      category: ['intrusion_detection', 'web'],
      type: [a.action === 'block' ? 'denied' : 'info'],
      action: a.rule,
      id: a.id,
      severity: ECS_SEVERITY[a.severity],
      start: new Date(a.firstSeen).toISOString(),
      end: new Date(a.lastSeen).toISOString(),
      outcome: a.action === 'block' ? 'failure' : 'unknown',
    },
    rule: { id: a.rule, name: a.message, category: a.type, ruleset: a.control },
    source: {
      ip: a.actor.ip,
      ...(a.actor.country ? { geo: { country_iso_code: a.actor.country } } : {}),
      ...(a.actor.asn !== undefined ? { as: { number: a.actor.asn } } : {}),
    },
    ...(a.actor.principal ? { user: { id: a.actor.principal } } : {}),
    ...(req
      ? {
          url: { domain: req.host, path: req.path, ...(req.query ? { query: req.query } : {}), scheme: req.scheme },
          http: { request: { id: req.id, method: req.method }, ...(req.status !== undefined ? { response: { status_code: req.status } } : {}) },
          ...(req.userAgent ? { user_agent: { original: req.userAgent } } : {}),
        }
      : {}),
    observer: { vendor: 'Vigil', product: 'Vigil', version: PRODUCT_VERSION, type: 'waf' },
    vigil: {
      alert_type: a.type,
      severity: a.severity,
      action: a.action,
      route: a.route,
      parameter: a.parameter,
      evidence: a.evidence,
      count: a.count,
      request_ids: a.requestIds,
    },
  };
}
