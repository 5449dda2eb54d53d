import type { Exchange, Reason } from '../exchange/exchange.js';

/** The flat record of one exchange's decision, as written to event files and sent on the pipeline. */
export interface DecisionEvent {
  type: 'decision';
  time: string;
  request_id: string;
  source: Exchange['source'];
  client_ip: string;
  country?: string;
  asn?: number;
  principal?: string;
  method: string;
  host: string;
  path: string;
  route?: string;
  status?: number;
  action: Exchange['decision']['action'];
  reasons: Reason[];
  latency_ms?: number;
  error?: string;
}

export function decisionEvent(ex: Exchange): DecisionEvent {
  return {
    type: 'decision',
    time: new Date(ex.timings.start).toISOString(),
    request_id: ex.id,
    source: ex.source,
    client_ip: ex.client.ip,
    country: ex.client.country,
    asn: ex.client.asn,
    principal: ex.principal?.id,
    method: ex.request.method,
    host: ex.request.host,
    path: ex.request.path,
    route: ex.route.name,
    status: ex.response?.status,
    action: ex.decision.action,
    reasons: ex.decision.reasons,
    latency_ms: ex.timings.total,
    error: ex.error,
  };
}
