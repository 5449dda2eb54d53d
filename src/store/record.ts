import type { Action, CaptureSource, Exchange, Finding, Reason } from '../exchange/exchange.js';
import { firstHeader } from '../exchange/exchange.js';
import { mediaType } from '../exchange/body.js';
import type { Redactor } from '../redact/redactor.js';
import { ipKey } from './ip-key.js';

/**
 * One recorded exchange as it is written: flat, redacted, JSON-encoded where nested. This is what crosses to the
 * writer thread, what the journal holds (one JSON line each) and what an insert binds.
 */
export interface RecordRow {
  id: string;
  time: number;
  source: CaptureSource;
  client_ip: string;
  ip_key: string | null;
  peer_ip: string;
  country: string | null;
  asn: number | null;
  asn_org: string | null;
  principal: string | null;
  principal_kind: string | null;
  method: string;
  host: string;
  route: string | null;
  route_template: string | null;
  path: string;
  query: string;
  status: number | null;
  latency_ms: number | null;
  req_bytes: number;
  resp_bytes: number | null;
  action: Action;
  /** JSON of Reason[] (redacted evidence). */
  reasons: string;
  /** JSON of Finding[] (redacted evidence). */
  findings: string;
  user_agent: string | null;
  req_headers: string | null;
  resp_headers: string | null;
  req_body: string | null;
  resp_body: string | null;
  error: string | null;
}

/** A recorded exchange as queries return it. */
export interface ExchangeRecord extends Omit<RecordRow, 'reasons' | 'findings' | 'req_headers' | 'resp_headers' | 'ip_key'> {
  reasons: Reason[];
  findings: Finding[];
  req_headers: Record<string, string | string[]> | null;
  resp_headers: Record<string, string | string[]> | null;
}

export interface RecordOptions {
  /** Bodies are kept up to this many characters (after redaction); 0 keeps none. */
  maxBodyChars: number;
  headers: boolean;
}

function redactReasons(reasons: Reason[], r: Redactor): Reason[] {
  return reasons.map((x) => ({
    ...x,
    message: r.text(x.message),
    ...(x.evidence !== undefined ? { evidence: r.text(x.evidence) } : {}),
  }));
}

function redactFindings(findings: Finding[], r: Redactor): Finding[] {
  return findings.map((f) => ({ ...f, evidence: r.text(f.evidence) }));
}

/** The redacted row of an exchange. Nothing unredacted leaves this function. */
export function toRecordRow(ex: Exchange, redactor: Redactor, opts: RecordOptions): RecordRow {
  const req = ex.request;
  const res = ex.response;
  const reqBody =
    opts.maxBodyChars > 0 && req.body && req.body.length > 0
      ? redactor.body(req.body, mediaType(ex), !req.bodyTruncated, opts.maxBodyChars)
      : null;
  const resType = res ? (firstHeader(res.headers, 'content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase() : '';
  const resBody = opts.maxBodyChars > 0 && res?.body && res.body.length > 0 ? redactor.body(res.body, resType, res.body.length >= res.bodySize, opts.maxBodyChars) : null;
  const ua = firstHeader(req.headers, 'user-agent');
  return {
    id: ex.id,
    time: ex.timings.start,
    source: ex.source,
    client_ip: ex.client.ip,
    ip_key: ipKey(ex.client.ip) ?? null,
    peer_ip: ex.client.peerIp,
    country: ex.client.country ?? null,
    asn: ex.client.asn ?? null,
    asn_org: ex.client.asnOrg ?? null,
    principal: ex.principal ? redactor.text(ex.principal.id) : null,
    principal_kind: ex.principal?.kind ?? null,
    method: req.method,
    host: req.host,
    route: ex.route.name ?? null,
    route_template: ex.route.template ?? null,
    path: redactor.text(req.path),
    query: redactor.query(req.query),
    status: res?.status ?? null,
    latency_ms: ex.timings.total ?? null,
    req_bytes: req.bodySize,
    resp_bytes: res ? res.bodySize : null,
    action: ex.decision.action,
    reasons: JSON.stringify(redactReasons(ex.decision.reasons, redactor)),
    findings: JSON.stringify(redactFindings(ex.findings, redactor)),
    user_agent: ua === undefined ? null : redactor.text(ua),
    req_headers: opts.headers ? JSON.stringify(redactor.headers(req.headers)) : null,
    resp_headers: opts.headers && res ? JSON.stringify(redactor.headers(res.headers)) : null,
    req_body: reqBody,
    resp_body: resBody,
    error: ex.error === undefined ? null : redactor.text(ex.error),
  };
}

export function parseRecordRow(row: RecordRow): ExchangeRecord {
  const { ip_key: _ipKey, ...rest } = row;
  return {
    ...rest,
    reasons: JSON.parse(row.reasons) as Reason[],
    findings: JSON.parse(row.findings) as Finding[],
    req_headers: row.req_headers === null ? null : (JSON.parse(row.req_headers) as Record<string, string | string[]>),
    resp_headers: row.resp_headers === null ? null : (JSON.parse(row.resp_headers) as Record<string, string | string[]>),
  };
}
