// The PostgreSQL schema of the shared traffic store: the same tables, columns and indexes as the SQLite store,
// inside one PostgreSQL schema (so tests and tenants can keep apart). Identifiers that are compared or sorted
// bytewise in SQLite (request id, address key) use the C collation here, so both stores sort them alike.

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function pgDdl(schema: string): string {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.exchanges (
  id TEXT COLLATE "C" PRIMARY KEY,
  time BIGINT NOT NULL,
  source TEXT NOT NULL,
  client_ip TEXT NOT NULL,
  ip_key TEXT COLLATE "C",
  peer_ip TEXT NOT NULL,
  country TEXT,
  asn BIGINT,
  asn_org TEXT,
  principal TEXT,
  principal_kind TEXT,
  method TEXT NOT NULL,
  host TEXT NOT NULL,
  route TEXT,
  route_template TEXT,
  path TEXT NOT NULL,
  query TEXT NOT NULL,
  status INTEGER,
  latency_ms DOUBLE PRECISION,
  req_bytes BIGINT NOT NULL,
  resp_bytes BIGINT,
  action TEXT NOT NULL,
  reasons TEXT NOT NULL,
  findings TEXT NOT NULL,
  user_agent TEXT,
  req_headers TEXT,
  resp_headers TEXT,
  req_body TEXT,
  resp_body TEXT,
  error TEXT
);
CREATE INDEX IF NOT EXISTS exchanges_time ON ${s}.exchanges(time);
CREATE INDEX IF NOT EXISTS exchanges_ip ON ${s}.exchanges(ip_key, time);
CREATE INDEX IF NOT EXISTS exchanges_principal ON ${s}.exchanges(principal, time) WHERE principal IS NOT NULL;
CREATE INDEX IF NOT EXISTS exchanges_route ON ${s}.exchanges(route, time);
CREATE INDEX IF NOT EXISTS exchanges_status ON ${s}.exchanges(status, time);
CREATE INDEX IF NOT EXISTS exchanges_action ON ${s}.exchanges(action, time);

CREATE TABLE IF NOT EXISTS ${s}.alerts (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  severity TEXT NOT NULL,
  control TEXT NOT NULL,
  rule TEXT NOT NULL,
  message TEXT NOT NULL,
  parameter TEXT,
  evidence TEXT,
  actor_ip TEXT NOT NULL,
  ip_key TEXT COLLATE "C",
  principal TEXT,
  country TEXT,
  asn BIGINT,
  route TEXT,
  action TEXT NOT NULL,
  request_ids TEXT NOT NULL,
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  count INTEGER NOT NULL,
  request TEXT
);
CREATE INDEX IF NOT EXISTS alerts_time ON ${s}.alerts(last_seen);
CREATE INDEX IF NOT EXISTS alerts_ip ON ${s}.alerts(ip_key, last_seen);
CREATE INDEX IF NOT EXISTS alerts_principal ON ${s}.alerts(principal, last_seen) WHERE principal IS NOT NULL;
`;
}

export const PG_ROW_COLUMNS = [
  'id', 'time', 'source', 'client_ip', 'ip_key', 'peer_ip', 'country', 'asn', 'asn_org', 'principal', 'principal_kind',
  'method', 'host', 'route', 'route_template', 'path', 'query', 'status', 'latency_ms', 'req_bytes', 'resp_bytes',
  'action', 'reasons', 'findings', 'user_agent', 'req_headers', 'resp_headers', 'req_body', 'resp_body', 'error',
] as const;

/** The alert columns are the same in every store. */
export { ALERT_COLUMNS as PG_ALERT_COLUMNS } from '../alert-row.js';
