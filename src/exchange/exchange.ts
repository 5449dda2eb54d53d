// The one model of an HTTP exchange. A capture source (gateway, ingest, middleware, HAR reader) creates it once;
// pipeline stages enrich it (route, principal, findings, decision); consumers (recorder, alerting, discovery) read it.

export type CaptureSource = 'gateway' | 'ingest' | 'mirror' | 'har' | 'middleware';

/** Header names are lower-case; repeated headers keep every value in order. */
export type Headers = Record<string, string | string[] | undefined>;

export interface ClientInfo {
  /** The address the policy trusts as the client's, after walking trusted proxies. */
  ip: string;
  /** The TCP peer (the last hop). */
  peerIp: string;
  /** Addresses claimed by forwarding headers, nearest hop last, as received. */
  forwardedFor: string[];
  country?: string;
  asn?: number;
  asnOrg?: string;
}

export interface Principal {
  kind: 'jwt' | 'api_key' | 'session' | 'basic';
  id: string;
  /** False where the credential's signature or secret could not be checked (out of band, offline). */
  verified: boolean;
  claims?: Record<string, unknown>;
}

export interface RouteMatch {
  /** The configured route's name, or undefined for traffic matching no route. */
  name?: string;
  /** Path template such as /users/{id}. */
  template?: string;
  params: Record<string, string>;
}

export interface ExchangeRequest {
  method: string;
  /** The request target as received (path and query). */
  url: string;
  path: string;
  /** Raw query string without the leading '?'. */
  query: string;
  host: string;
  scheme: 'http' | 'https';
  httpVersion: string;
  headers: Headers;
  /** Body bytes as captured, up to the inspection limit. */
  body?: Buffer;
  /** Total body size in bytes, when known (it may exceed body.length). */
  bodySize: number;
  bodyTruncated: boolean;
}

export interface ExchangeResponse {
  status: number;
  headers: Headers;
  body?: Buffer;
  bodySize: number;
}

export type ControlMode = 'enforce' | 'monitor' | 'off';

/** Why a control refused (or would refuse) an exchange. Never carries a secret. */
export interface Reason {
  /** The control that raised it, e.g. auth.jwt, ip.deny, ratelimit, schema, detect.sqli. */
  control: string;
  /** A stable rule id within the control. */
  rule: string;
  message: string;
  /** Where in the request, e.g. header:authorization, query:id, body:/user/name. */
  location?: string;
  /** The matched evidence, shortened and redacted. */
  evidence?: string;
  /** HTTP status to answer when enforced. */
  status: number;
  mode: Exclude<ControlMode, 'off'>;
  /** Seconds a client should wait before retrying (rate limits). */
  retryAfter?: number;
}

export interface Finding {
  category: string;
  rule: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  confidence: number;
  score: number;
  location: string;
  evidence: string;
}

export type Action = 'allow' | 'block' | 'would-block';

export interface Decision {
  action: Action;
  reasons: Reason[];
  /** HTTP status answered for a block. */
  status?: number;
}

export interface Timings {
  /** Epoch milliseconds when the request line was seen. */
  start: number;
  /** Milliseconds from start until the response finished (or the record was read). */
  total?: number;
  upstream?: number;
}

export interface Exchange {
  id: string;
  source: CaptureSource;
  client: ClientInfo;
  request: ExchangeRequest;
  response?: ExchangeResponse;
  route: RouteMatch;
  principal?: Principal;
  findings: Finding[];
  decision: Decision;
  timings: Timings;
  /** An error met while serving, e.g. upstream unreachable. */
  error?: string;
}

export function firstHeader(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function newDecision(): Decision {
  return { action: 'allow', reasons: [] };
}
