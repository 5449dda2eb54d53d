import type { Alert } from '../alerts/alert.js';
import type { ExchangeRecord } from '../store/record.js';
import type { AlertNote, AlertStatus, AlertView, ExchangeDetail, ExchangeSummary } from './api-types.js';

// Store records as the API shows them. Assigning the store's types to the API's is what keeps them in step.

export function exchangeSummary(r: ExchangeRecord): ExchangeSummary {
  return {
    id: r.id,
    time: r.time,
    source: r.source,
    client_ip: r.client_ip,
    country: r.country,
    principal: r.principal,
    method: r.method,
    host: r.host,
    route: r.route,
    path: r.path,
    query: r.query,
    status: r.status,
    latency_ms: r.latency_ms,
    action: r.action,
    reasons: r.reasons,
  };
}

export function exchangeDetail(r: ExchangeRecord): ExchangeDetail {
  const detail: ExchangeDetail = r;
  return { ...detail };
}

export function alertView(a: Alert, triage: { status: AlertStatus; notes: AlertNote[] }): AlertView {
  return { ...a, status: triage.status, notes: triage.notes };
}
