// The policy file's shape after validation (see schema.ts for the JSON Schema that guards it).

export type Mode = 'enforce' | 'monitor' | 'off';

export interface ListenerConfig {
  /** host:port or a port number. */
  address: string;
  tls?: { cert: string; key: string };
}

export interface UpstreamConfig {
  url: string;
  max_sockets?: number;
  timeout_ms?: number;
}

export interface JwtProviderConfig {
  jwks_url?: string;
  /** A shared secret for HS* algorithms; `env:NAME` reads it from the environment. */
  secret?: string;
  /** A PEM public key file for RS/ES/PS/EdDSA algorithms. */
  public_key_file?: string;
  issuer?: string | string[];
  audience?: string | string[];
  algorithms: string[];
  clock_skew_s?: number;
  /** Claim that names the principal; default `sub`. */
  subject_claim?: string;
  /** Where the token is read from; default the Authorization bearer. */
  header?: string;
  cookie?: string;
}

export interface ApiKeyProviderConfig {
  in: 'header' | 'query';
  name: string;
  keys: { id: string; sha256: string }[];
}

export type AuthRequirement = 'none' | { jwt?: string; api_key?: string; any?: AuthRequirement[]; mode?: Mode };

export interface IpRuleConfig {
  allow?: string[];
  deny?: string[];
  mode?: Mode;
}

export interface GeoRuleConfig {
  allow_countries?: string[];
  deny_countries?: string[];
  allow_asns?: number[];
  deny_asns?: number[];
  mode?: Mode;
}

export interface RateLimitConfig {
  /** ip | api_key | subject | principal | header:NAME */
  key: string;
  /** Sustained rate, e.g. 100/s, 600/m, 10000/h. */
  rate: string;
  burst?: number;
  mode?: Mode;
}

export interface LimitsConfig {
  methods?: string[];
  max_body_bytes?: number;
  max_header_bytes?: number;
  max_url_bytes?: number;
  content_types?: string[];
  mode?: Mode;
}

export interface SchemaRuleConfig {
  spec: string;
  /** Refuse requests that match no operation of the spec. */
  unknown_endpoints?: boolean;
  /** Refuse query parameters the operation does not declare. */
  unknown_parameters?: boolean;
  mode?: Mode;
}

export interface DetectRuleConfig {
  /** Anomaly score at which a request is refused (like a CRS inbound threshold). */
  threshold?: number;
  paranoia?: number;
  exclusions?: { rule?: string; category?: string; location?: string }[];
  mode?: Mode;
}

export interface RouteConfig {
  name: string;
  match: { host?: string; methods?: string[]; path: string };
  upstream?: string;
  mode?: Mode;
  auth?: AuthRequirement;
  ip?: IpRuleConfig;
  geo?: GeoRuleConfig;
  rate_limit?: RateLimitConfig | RateLimitConfig[];
  limits?: LimitsConfig;
  schema?: SchemaRuleConfig;
  detect?: DetectRuleConfig;
}

export type RouteDefaults = Omit<RouteConfig, 'name' | 'match'>;

export interface AdminToken {
  name: string;
  sha256: string;
  role: 'viewer' | 'admin';
}

export interface BehaviourConfig {
  /** Rule files (YAML) added to the shipped rules. */
  rules?: string[];
  /** Leave the shipped rules out. */
  no_shipped_rules?: boolean;
}

/** The live inventory: new endpoints and sensitive fields become alerts once the learning period is over. */
export interface DiscoveryConfig {
  /** Seconds after start spent learning without alerting; default 300. */
  learn_s?: number;
  /** Requests an endpoint needs before it is announced; default 3. */
  announce_after?: number;
}

export interface VigilConfig {
  listen: ListenerConfig[];
  /** The admin listener: health and metrics (open), and the admin API (bearer tokens, stored as SHA-256). */
  admin?: { address: string; tokens?: AdminToken[] };
  workers: number | 'auto';
  upstreams: Record<string, UpstreamConfig>;
  trusted_proxies: string[];
  /** Which forwarding header names the client when the peer is a trusted proxy. */
  client_ip_headers: ('x-forwarded-for' | 'forwarded' | 'x-real-ip')[];
  timeouts: { headers_ms: number; idle_ms: number; body_ms: number; upstream_ms: number; shutdown_ms: number };
  inspect_body_bytes: number;
  auth: { jwt: Record<string, JwtProviderConfig>; api_keys: Record<string, ApiKeyProviderConfig> };
  specs: Record<string, string>;
  geoip?: { country_db?: string; asn_db?: string };
  events?: { file?: string };
  /** Traffic recording (SQLite); absent: the gateway records nothing. */
  store?: StoreConfig;
  /** Behavioural detection on live traffic (off the request path); absent: off. */
  behaviour?: BehaviourConfig;
  discovery?: DiscoveryConfig;
  /** What is hidden before anything is recorded or sent. */
  redaction?: RedactionConfig;
  alerts?: AlertsConfig;
  sinks?: SinkConfig[];
  /** Shared engines for scale-out (Redis, NATS JetStream, PostgreSQL); absent: embedded mode. */
  cluster?: ClusterConfig;
  /** What happens to requests that match no route: `allow` forwards them to the default upstream (monitor-only checks). */
  unmatched: 'block' | 'allow';
  defaults: RouteDefaults;
  routes: RouteConfig[];
  /** Directory of the config file: relative paths inside it resolve from here. */
  baseDir: string;
  /** The file it came from, for messages. */
  file?: string;
}

export interface StoreConfig {
  /** SQLite database file; relative paths resolve from the config file's directory. */
  path: string;
  /** Request and response bodies are kept up to this many characters, after redaction; 0 keeps none. */
  max_body_bytes: number;
  /** Keep (redacted) request and response headers. */
  headers: boolean;
  retention: { max_age_days?: number; max_size_mb?: number };
  /** Exchanges held in memory (queued or being written) before they spill to the disk journal. */
  max_queued: number;
  /** Journal bound; beyond it exchanges are dropped, counted and alerted. */
  journal_max_mb: number;
}

export interface ClusterConfig {
  /** redis://host:port — shared rate limits and runtime blocks. */
  redis?: string;
  /** nats://host:port — completed exchanges published to a JetStream stream. */
  nats?: string;
  /** postgres://user@host:port/db — the shared traffic store written by `vigil worker`. */
  postgres?: string;
  /** Prefix of every Redis key and channel; default `vigil:`. */
  key_prefix: string;
  /** JetStream stream of completed exchanges; default VIGIL_EXCHANGES (subject vigil.exchanges). */
  stream: string;
  /** Where events are spooled while NATS is unreachable (relative to the config file). */
  spool_dir: string;
  /** Gateway instances sharing the limits: while Redis is down each admits 1/gateways of every limit locally. */
  gateways: number;
  /** PostgreSQL schema of the shared store; default public. */
  postgres_schema: string;
}

export interface RedactionConfig {
  /** Extra header names whose value is secret. */
  headers?: string[];
  /** Extra field/parameter name fragments that mark a value secret (matched without case, - _ . and spaces). */
  fields?: string[];
  /** Extra value patterns (JavaScript regex, no nested quantifiers). */
  patterns?: { name: string; regex: string }[];
  replacement?: string;
}

export interface AlertSuppression {
  type?: string;
  rule?: string;
  route?: string;
  /** An address or CIDR. */
  ip?: string;
  principal?: string;
}

export interface AlertsConfig {
  /** Occurrences of the same alert (type, rule, actor, route) within this window update one alert. */
  dedup_window_s: number;
  /** Alerts matching one of these are counted but not sent. */
  suppress: AlertSuppression[];
  min_severity: 'low' | 'medium' | 'high' | 'critical';
}

export type SinkFormat = 'cef' | 'leef' | 'ecs' | 'ocsf' | 'vigil';

export interface SinkConfig {
  type: 'syslog' | 'file' | 'splunk_hec' | 'webhook';
  name?: string;
  format?: SinkFormat;
  /** syslog: host:port. */
  address?: string;
  transport?: 'udp' | 'tcp' | 'tls';
  /** syslog over TLS: CA bundle to trust (PEM file). */
  ca_file?: string;
  /** file: path (JSON lines or one CEF/LEEF line per alert). */
  path?: string;
  /** splunk_hec, webhook: endpoint URL. */
  url?: string;
  /** splunk_hec: HEC token; `env:NAME` reads it from the environment. */
  token?: string;
  /** webhook: HMAC-SHA256 key for the X-Vigil-Signature header; `env:NAME` reads it from the environment. */
  secret?: string;
  index?: string;
  /** Alerts held while the sink is down; beyond it the oldest are dropped and counted. */
  queue_size?: number;
  max_retries?: number;
}
