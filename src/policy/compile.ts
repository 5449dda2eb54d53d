import type { Mode, RouteConfig, RouteDefaults, VigilConfig } from '../config/types.js';
import type { Control } from '../pipeline/control.js';
import { ClientIpResolver } from '../net/client-ip.js';
import { RouteTable } from './route-table.js';
import { controlBuilders, type BuildContext } from './control-builders.js';
import type { RateLimiter } from './ratelimit/limiter.js';
import { LocalLimiter } from './ratelimit/limiter.js';
import { loadSpec, type LoadedSpec } from './schema/index.js';
import { ConfigError } from '../config/load.js';
import type { RuntimeBlocks } from './blocks/runtime-blocks.js';
import { resolve } from 'node:path';

/** A route with its settings turned into controls, ready for the request path. */
export interface RoutePolicy {
  name?: string;
  template?: string;
  upstream: string;
  mode: Mode;
  headerControls: Control[];
  bodyControls: Control[];
  /** Largest body accepted (413 beyond), when the route limits it. */
  maxBodyBytes?: number;
  /** True when a body control needs the body buffered before forwarding. */
  needsBody: boolean;
}

export interface CompiledPolicy {
  config: VigilConfig;
  routes: RouteTable<RoutePolicy>;
  /** The policy for requests that match no route, or undefined when they are refused. */
  unmatched?: RoutePolicy;
  clientIp: ClientIpResolver;
}

export interface CompileOptions {
  limiter?: RateLimiter;
  blocks?: RuntimeBlocks;
}

function merge(defaults: RouteDefaults, route: RouteDefaults): RouteDefaults {
  const out: RouteDefaults = { ...defaults };
  for (const [k, v] of Object.entries(route)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function defaultUpstream(cfg: VigilConfig): string {
  return cfg.defaults.upstream ?? Object.keys(cfg.upstreams)[0]!;
}

function compileRoute(
  cfg: VigilConfig,
  id: string,
  settings: RouteDefaults,
  opts: CompileOptions & { limiter: RateLimiter },
  specs: (name: string) => LoadedSpec,
  route?: RouteConfig,
): RoutePolicy {
  const routeMode: Mode = settings.mode ?? 'enforce';
  const mode = (block?: { mode?: Mode }): 'enforce' | 'monitor' | undefined => {
    const m = routeMode === 'off' ? 'off' : (block?.mode ?? routeMode);
    return m === 'off' ? undefined : m;
  };
  const ctx: BuildContext = { cfg, routeId: id, limiter: opts.limiter, spec: specs, blocks: opts.blocks };
  const controls = controlBuilders.flatMap((build) => build(settings, mode, ctx));
  const bodyControls = controls.filter((c) => c.phase === 'body');
  return {
    name: route?.name,
    template: route?.match.path,
    upstream: settings.upstream ?? defaultUpstream(cfg),
    mode: routeMode,
    headerControls: controls.filter((c) => c.phase === 'headers'),
    bodyControls,
    maxBodyBytes: settings.limits && mode(settings.limits) === 'enforce' ? settings.limits.max_body_bytes : undefined,
    needsBody: bodyControls.length > 0,
  };
}

export function compilePolicy(cfg: VigilConfig, options: CompileOptions = {}): CompiledPolicy {
  const opts = { ...options, limiter: options.limiter ?? new LocalLimiter() };
  const loaded = new Map<string, LoadedSpec>();
  const specs = (name: string): LoadedSpec => {
    let spec = loaded.get(name);
    if (!spec) {
      const file = resolve(cfg.baseDir, cfg.specs[name]!);
      try {
        spec = loadSpec(file);
      } catch (e) {
        throw new ConfigError(cfg.file ?? 'config', undefined, `specs.${name}`, (e as Error).message);
      }
      loaded.set(name, spec);
    }
    return spec;
  };
  const entries = cfg.routes.map((r) => ({
    host: r.match.host,
    methods: r.match.methods,
    template: r.match.path,
    value: compileRoute(cfg, r.name, merge(cfg.defaults, r), opts, specs, r),
  }));
  return {
    config: cfg,
    routes: new RouteTable(entries),
    unmatched: cfg.unmatched === 'allow' ? compileRoute(cfg, '(unmatched)', cfg.defaults, opts, specs) : undefined,
    clientIp: new ClientIpResolver(cfg.trusted_proxies, cfg.client_ip_headers),
  };
}
