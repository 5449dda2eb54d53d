// The admin API's response types, shared by the server handlers and the dashboard (src/admin/ui). Standalone on
// purpose: the dashboard's compilation (DOM, JSX) imports only this file; the handlers assign the store's own
// types to these, so the compiler checks that the two stay in step.

export type Role = 'viewer' | 'admin';
export type Action = 'allow' | 'block' | 'would-block';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface ApiError {
  error: string;
}

export interface Me {
  name: string;
  role: Role;
}

export interface ReasonView {
  control: string;
  rule: string;
  message: string;
  location?: string;
  evidence?: string;
  status: number;
  mode: 'enforce' | 'monitor';
}

export interface FindingView {
  category: string;
  rule: string;
  severity: Severity;
  confidence: number;
  score: number;
  location: string;
  evidence: string;
}

/** A recorded exchange as a list shows it (no headers or bodies). */
export interface ExchangeSummary {
  id: string;
  time: number;
  source: string;
  client_ip: string;
  country: string | null;
  principal: string | null;
  method: string;
  host: string;
  route: string | null;
  path: string;
  query: string;
  status: number | null;
  latency_ms: number | null;
  action: Action;
  reasons: ReasonView[];
}

/** One recorded exchange in full, redacted as stored. */
export interface ExchangeDetail extends ExchangeSummary {
  peer_ip: string;
  asn: number | null;
  asn_org: string | null;
  principal_kind: string | null;
  route_template: string | null;
  req_bytes: number;
  resp_bytes: number | null;
  findings: FindingView[];
  user_agent: string | null;
  req_headers: Record<string, string | string[]> | null;
  resp_headers: Record<string, string | string[]> | null;
  req_body: string | null;
  resp_body: string | null;
  error: string | null;
}

export interface TrafficPage {
  items: ExchangeSummary[];
  /** Matching exchanges in all (the page holds at most `limit`). */
  total: number;
}

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface AlertNote {
  time: number;
  who: string;
  text: string;
}

export interface AlertView {
  id: string;
  type: string;
  severity: Severity;
  control: string;
  rule: string;
  message: string;
  parameter?: string;
  evidence?: string;
  actor: { ip: string; principal?: string; country?: string; asn?: number };
  route?: string;
  action: Action;
  requestIds: string[];
  firstSeen: number;
  lastSeen: number;
  count: number;
  request?: { id: string; method: string; host: string; path: string; query: string; status?: number; userAgent?: string; scheme: 'http' | 'https' };
  /** Triage, kept by the admin server. */
  status: AlertStatus;
  notes: AlertNote[];
}

export interface AlertList {
  items: AlertView[];
}

export type TimelineItem = { kind: 'exchange'; time: number; exchange: ExchangeSummary } | { kind: 'alert'; time: number; alert: AlertView };

export interface Timeline {
  actor: { ip?: string; principal?: string };
  items: TimelineItem[];
}

export interface BlockView {
  kind: 'block' | 'allow';
  /** `ip:ADDRESS` or `principal:ID`. */
  actor: string;
  /** Epoch ms when it lapses. */
  until: number;
  reason?: string;
}

export interface BlockList {
  items: BlockView[];
}

export interface CountRow {
  key: string;
  count: number;
}

export interface OverviewBucket {
  /** Start of the bucket, epoch ms. */
  time: number;
  requests: number;
  blocked: number;
  wouldBlock: number;
  alerts: Record<Severity, number>;
}

export interface Overview {
  since: number;
  until: number;
  bucketMs: number;
  totals: { requests: number; blocked: number; wouldBlock: number; alerts: number };
  series: OverviewBucket[];
  topAttackedRoutes: CountRow[];
  topActors: CountRow[];
  byCountry: CountRow[];
}

export interface InventoryEndpoint {
  method: string;
  host: string;
  path: string;
  status: string;
  auth: string[];
  sensitive: { class: string; location: string; count: number }[];
  requests: number;
  errorRate: number;
  firstSeen?: string;
  lastSeen?: string;
  statuses: Record<string, number>;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown>; samples: number }[];
  requestBody?: { mediaTypes: string[]; schema: Record<string, unknown>; samples: number };
  responses: Record<string, { schema: Record<string, unknown>; samples: number }>;
}

export interface InventoryView {
  /** Recorded exchanges the inventory was built from (the most recent ones). */
  exchanges: number;
  endpoints: InventoryEndpoint[];
}

export interface ValidationCheck {
  id: string;
  control: string;
  route: string;
  expected: string;
  observed: string;
  status: 'pass' | 'fail' | 'error';
  evidence: string[];
}

export interface ValidationView {
  configured: boolean;
  run?: { runId: string; target: string; startedAt: string; finishedAt: string; summary: Record<'pass' | 'fail' | 'error', number>; checks: ValidationCheck[] };
}

export interface AuditEntryView {
  time: string;
  who: string;
  role: Role;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

/** What the live stream (GET /api/events, Server-Sent Events) sends: `event: exchange` or `event: alert`. */
export type LiveEvent = { type: 'exchange'; exchange: ExchangeSummary } | { type: 'alert'; alert: AlertView };

export type IncidentStatus = 'open' | 'resolved';

/** Alerts about one actor (client addresses, principals) close in time: within 30 minutes of each other. */
export interface IncidentView {
  id: string;
  severity: Severity;
  types: string[];
  actor: { ips: string[]; principals: string[] };
  firstSeen: number;
  lastSeen: number;
  alertIds: string[];
  /** Open unless every alert of it is resolved. */
  status: IncidentStatus;
}

export interface IncidentList {
  items: IncidentView[];
}

export interface IncidentDetail extends IncidentView {
  alerts: AlertView[];
  /** The actor's exchanges around the incident, in time order; `evidence` when an alert names the request. */
  timeline: { exchange: ExchangeSummary; evidence: boolean }[];
}
