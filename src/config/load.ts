import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { Ajv } from 'ajv';
import { LocatedError, instancePathKeys, keyPath, parseLocatedYaml } from './located-yaml.js';
import { configSchema } from './schema.js';
import type { AlertsConfig, AuthRequirement, ClusterConfig, ListenerConfig, SinkConfig, StoreConfig, VigilConfig } from './types.js';
import { parseCidr } from '../net/cidr.js';
import { unsafePatternProblem } from '../redact/safe-regex.js';

/** A configuration problem, located in the file: `vigil.yaml:12: routes[0].upstream: …`. */
export class ConfigError extends LocatedError {}

const ajv = new Ajv({ allErrors: false, strict: false });
const validate = ajv.compile(configSchema);

/** Parses and validates a policy file's text. */
export function parseConfig(text: string, file = 'vigil.yaml'): VigilConfig {
  const doc = parseLocatedYaml(text, (line, problem) => new ConfigError(file, line, '', problem));
  const lineOf = doc.lineOf;
  const raw = doc.value;
  if (!validate(raw)) {
    const err = validate.errors![0]!;
    const path = instancePathKeys(err.instancePath);
    let problem = err.message ?? 'is invalid';
    if (err.keyword === 'additionalProperties') {
      const extra = (err.params as { additionalProperty: string }).additionalProperty;
      path.push(extra);
      problem = 'is not a known setting';
    } else if (err.keyword === 'enum') {
      problem = `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    }
    throw new ConfigError(file, lineOf(path), keyPath(path), problem);
  }
  return normalise(raw as unknown as Record<string, unknown>, file, lineOf);
}

export function loadConfig(path: string): VigilConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, undefined, '', `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const cfg = parseConfig(text, path);
  cfg.baseDir = dirname(resolve(path));
  return cfg;
}

type LineOf = (path: (string | number)[]) => number | undefined;

function normaliseListen(v: unknown): ListenerConfig[] {
  if (v === undefined) return [{ address: '127.0.0.1:8080' }];
  const list = Array.isArray(v) ? v : [v];
  return list.map((l) =>
    typeof l === 'object' && l !== null
      ? { ...(l as ListenerConfig), address: String((l as ListenerConfig).address) }
      : { address: String(l) },
  );
}

function normalise(raw: Record<string, unknown>, file: string, lineOf: LineOf): VigilConfig {
  const r = raw as Partial<VigilConfig> & { listen?: unknown; workers?: number | 'auto' };
  const cfg: VigilConfig = {
    listen: normaliseListen(r.listen),
    admin: r.admin ? { ...r.admin, address: String(r.admin.address) } : undefined,
    workers: r.workers === 'auto' || r.workers === undefined ? 'auto' : r.workers,
    upstreams: r.upstreams ?? {},
    trusted_proxies: r.trusted_proxies ?? [],
    client_ip_headers: r.client_ip_headers ?? ['x-forwarded-for', 'forwarded'],
    timeouts: { headers_ms: 10_000, idle_ms: 60_000, body_ms: 30_000, upstream_ms: 30_000, shutdown_ms: 10_000, ...r.timeouts },
    inspect_body_bytes: r.inspect_body_bytes ?? 1024 * 1024,
    auth: { jwt: r.auth?.jwt ?? {}, api_keys: r.auth?.api_keys ?? {} },
    specs: r.specs ?? {},
    geoip: r.geoip,
    events: r.events,
    behaviour: r.behaviour,
    discovery: r.discovery,
    store: r.store ? normaliseStore(r.store) : undefined,
    redaction: r.redaction,
    alerts: r.alerts ? { dedup_window_s: 300, suppress: [], min_severity: 'low', ...(r.alerts as Partial<AlertsConfig>) } : undefined,
    sinks: r.sinks,
    cluster: r.cluster ? normaliseCluster(r.cluster) : undefined,
    unmatched: r.unmatched ?? 'allow',
    defaults: r.defaults ?? {},
    routes: r.routes ?? [],
    baseDir: process.cwd(),
    file,
  };
  const fail = (path: (string | number)[], problem: string): never => {
    throw new ConfigError(file, lineOf(path), keyPath(path), problem);
  };
  for (const [i, c] of cfg.trusted_proxies.entries()) if (!parseCidr(c)) fail(['trusted_proxies', i], `"${c}" is not an IP address or CIDR`);
  const names = new Set<string>();
  const upstreamNames = Object.keys(cfg.upstreams);
  const checkBody = (body: VigilConfig['defaults'], at: (string | number)[]) => {
    if (body.upstream !== undefined && !cfg.upstreams[body.upstream])
      fail([...at, 'upstream'], `unknown upstream "${body.upstream}" (known: ${upstreamNames.join(', ')})`);
    for (const list of ['allow', 'deny'] as const)
      for (const [j, c] of (body.ip?.[list] ?? []).entries())
        if (!parseCidr(c)) fail([...at, 'ip', list, j], `"${c}" is not an IP address or CIDR`);
    if (body.auth !== undefined) checkAuth(body.auth, [...at, 'auth']);
    if (body.schema && !cfg.specs[body.schema.spec]) fail([...at, 'schema', 'spec'], `unknown spec "${body.schema.spec}"`);
  };
  const checkAuth = (a: AuthRequirement, at: (string | number)[]): void => {
    if (a === 'none') return;
    if (a.jwt !== undefined && !cfg.auth.jwt[a.jwt]) fail([...at, 'jwt'], `unknown JWT provider "${a.jwt}"`);
    if (a.api_key !== undefined && !cfg.auth.api_keys[a.api_key]) fail([...at, 'api_key'], `unknown API key set "${a.api_key}"`);
    a.any?.forEach((x, j) => checkAuth(x, [...at, 'any', j]));
  };
  for (const [name, p] of Object.entries(cfg.auth.jwt)) {
    const sources = [p.jwks_url, p.secret, p.public_key_file].filter((x) => x !== undefined).length;
    if (sources !== 1) fail(['auth', 'jwt', name], 'needs exactly one of jwks_url, secret, public_key_file');
    const hs = p.algorithms.filter((a) => a.startsWith('HS'));
    if (p.secret && hs.length !== p.algorithms.length) fail(['auth', 'jwt', name, 'algorithms'], 'a secret can only verify HS* algorithms');
    if (!p.secret && hs.length > 0) fail(['auth', 'jwt', name, 'algorithms'], 'HS* algorithms need a secret (key confusion guard)');
  }
  checkBody(cfg.defaults, ['defaults']);
  checkRecording(cfg, fail);
  for (const [i, route] of cfg.routes.entries()) {
    if (names.has(route.name)) fail(['routes', i, 'name'], `duplicate route name "${route.name}"`);
    names.add(route.name);
    checkBody(route, ['routes', i]);
    if (!route.upstream && !cfg.defaults.upstream && upstreamNames.length !== 1)
      fail(['routes', i], 'no upstream: set one on the route or in defaults');
    if (!/^(\/([^/{}]*|\{[A-Za-z_][A-Za-z0-9_]*\}|\{[A-Za-z_][A-Za-z0-9_]*\*\}))+$|^\/$/.test(route.match.path))
      fail(['routes', i, 'match', 'path'], `"${route.match.path}" is not a path template (like /users/{id})`);
  }
  if (cfg.workers === 'auto') cfg.workers = Math.max(1, availableParallelism());
  return cfg;
}

/** Defaults of the `store` section: `store: {}` records to vigil-data/vigil.db next to the config. */
export function normaliseStore(s: Partial<StoreConfig>): StoreConfig {
  return {
    path: 'vigil-data/vigil.db',
    max_body_bytes: 4096,
    headers: true,
    max_queued: 20_000,
    journal_max_mb: 512,
    ...s,
    retention: { max_age_days: 30, ...s.retention },
  };
}

/** Defaults of the `cluster` section; an engine without a URL stays embedded. */
export function normaliseCluster(c: Partial<ClusterConfig>): ClusterConfig {
  return { key_prefix: 'vigil:', stream: 'VIGIL_EXCHANGES', spool_dir: 'vigil-data/spool', gateways: 1, postgres_schema: 'public', ...c };
}

const sinkNeeds: Record<SinkConfig['type'], (keyof SinkConfig)[]> = {
  syslog: ['address'],
  file: ['path'],
  splunk_hec: ['url', 'token'],
  webhook: ['url'],
};

function checkRecording(cfg: VigilConfig, fail: (path: (string | number)[], problem: string) => never): void {
  for (const [i, p] of (cfg.redaction?.patterns ?? []).entries()) {
    const problem = unsafePatternProblem(p.regex);
    if (problem) fail(['redaction', 'patterns', i, 'regex'], problem);
  }
  for (const [i, s] of (cfg.alerts?.suppress ?? []).entries())
    if (s.ip !== undefined && !parseCidr(s.ip)) fail(['alerts', 'suppress', i, 'ip'], `"${s.ip}" is not an IP address or CIDR`);
  for (const [i, sink] of (cfg.sinks ?? []).entries()) {
    for (const key of sinkNeeds[sink.type]) if (sink[key] === undefined) fail(['sinks', i], `a ${sink.type} sink needs ${key}`);
    const formats = sink.type === 'syslog' ? ['cef', 'leef'] : sink.type === 'file' ? ['cef', 'leef', 'ecs', 'ocsf', 'vigil'] : ['ecs', 'ocsf', 'vigil'];
    if (sink.format && !formats.includes(sink.format)) fail(['sinks', i, 'format'], `a ${sink.type} sink carries ${formats.join(', ')}`);
  }
}

/** A config that forwards everything to one upstream and blocks nothing (`vigil gateway --upstream URL`). */
export function monitorOnlyConfig(upstream: string, listen?: string): VigilConfig {
  return parseConfig(
    JSON.stringify({
      listen: listen ?? '127.0.0.1:8080',
      upstreams: { default: { url: upstream } },
      defaults: { upstream: 'default', mode: 'monitor' },
      unmatched: 'allow',
    }),
    '--upstream',
  );
}
