import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, Registry } from 'prom-client';
import { recordingRegistry } from '../../store/metrics.js';
import type { VigilConfig } from '../../config/types.js';
import { TokenBuckets, type BucketSpec, type Grant } from '../../policy/ratelimit/token-bucket.js';
import { LeasedLimiter, LocalLimiter } from '../../policy/ratelimit/limiter.js';
import { startAdminServer, type AdminServer, type AdminSources } from '../../admin/admin-server.js';
import { adminDataSources } from '../../admin/data-sources.js';
import { startGateway, type RunningGateway } from './gateway.js';
import { GatewayMetrics } from './metrics.js';
import { closeSharedEngines, describeEngines, loadEngineDrivers, sharedBlocksFor, sharedLimiterFor } from '../../cluster/engines.js';
import { LocalBlocks, type RuntimeBlocks } from '../../policy/blocks/runtime-blocks.js';
import type { BlockChange, BlockEntry } from '../../policy/blocks/actor-mirror.js';

// The gateway as a process group: the primary owns the admin listener, the rate-limit authority and the
// lifecycle (reload on SIGHUP, graceful stop on SIGTERM/SIGINT); one worker per core serves traffic.

type ToWorker =
  | { t: 'config'; cfg: VigilConfig; blocks?: BlockEntry[] }
  | { t: 'block'; change: BlockChange }
  | { t: 'rl'; id: number; grant: Grant }
  | { t: 'shutdown' };
type ToPrimary =
  | { t: 'hello' }
  | { t: 'ready'; ports: number[] }
  | { t: 'rl'; id: number; key: string; spec: BucketSpec; want: number }
  | { t: 'reload-failed'; error: string };

export interface GatewayProcess {
  ports: number[];
  adminPort?: number;
  /** Runtime blocks, applied by every worker (through the primary, or through Redis in cluster mode). */
  blocks: RuntimeBlocks;
  stop(): Promise<void>;
}

export interface LoadConfig {
  (): VigilConfig;
}

/** Runs the gateway: in this process for one worker, else as a cluster. Resolves once it serves traffic. */
export async function runGateway(initial: VigilConfig, reloadConfig: LoadConfig | undefined, log: (line: string) => void): Promise<GatewayProcess> {
  if (cluster.isWorker) throw new Error('runGateway is for the primary');
  const workers = typeof initial.workers === 'number' ? initial.workers : 1;
  log(describeEngines(initial));
  await loadEngineDrivers(initial);
  return workers <= 1 ? runSingle(initial, reloadConfig, log) : runPrimary(initial, workers, reloadConfig, log);
}

async function runSingle(initial: VigilConfig, reloadConfig: LoadConfig | undefined, log: (line: string) => void): Promise<GatewayProcess> {
  let cfg = initial;
  const blocks = sharedBlocksFor(cfg) ?? new LocalBlocks();
  const gw = await startGateway(cfg, { limiter: sharedLimiterFor(cfg) ?? new LocalLimiter(), blocks });
  const admin = await startAdmin(
    () => cfg,
    blocks,
    async () => {
      const merged = Registry.merge([gw.metrics.registry, recordingRegistry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
    () => ({ ok: true, detail: { workers: 1 } }),
  );
  const onHup = () => {
    if (!reloadConfig) return;
    try {
      cfg = reloadConfig();
      gw.reload(cfg).then(
        () => log('configuration reloaded'),
        (e: Error) => log(`reload failed, keeping the running configuration: ${e.message}`),
      );
    } catch (e) {
      log(`reload failed, keeping the running configuration: ${(e as Error).message}`);
    }
  };
  process.on('SIGHUP', onHup);
  const adminPort = admin ? portOf(admin) : undefined;
  return {
    ports: gw.ports,
    adminPort,
    blocks,
    async stop() {
      process.off('SIGHUP', onHup);
      await gw.close();
      await closeSharedEngines();
      admin?.shutdown();
    },
  };
}

/** The admin listener, when the policy asks for one: health and metrics from the caller, the API over the rest. */
function startAdmin(
  cfg: () => VigilConfig,
  blocks: RuntimeBlocks,
  metrics: AdminSources['metrics'],
  health: AdminSources['health'],
): Promise<AdminServer | undefined> {
  const admin = cfg().admin;
  if (!admin) return Promise.resolve(undefined);
  return startAdminServer(admin.address, { metrics, health, blocks, tokens: admin.tokens, ...adminDataSources(cfg) });
}

function portOf(s: { address(): unknown }): number {
  return (s.address() as { port: number }).port;
}

async function runPrimary(initial: VigilConfig, count: number, reloadConfig: LoadConfig | undefined, log: (line: string) => void): Promise<GatewayProcess> {
  let cfg = initial;
  let stopping = false;
  const buckets = new TokenBuckets();
  const aggregator = new AggregatorRegistry();
  const live = new Set<Worker>();
  const shared = sharedBlocksFor(cfg);
  const blocks: RuntimeBlocks =
    shared ??
    new LocalBlocks((change) => {
      for (const w of live) if (w.isConnected()) w.send({ t: 'block', change } satisfies ToWorker);
    });

  const onMessage = (worker: Worker) => (m: ToPrimary) => {
    if (m.t === 'rl') {
      const grant = buckets.take(m.key, m.spec, m.want);
      worker.send({ t: 'rl', id: m.id, grant } satisfies ToWorker);
    } else if (m.t === 'reload-failed') log(`worker ${worker.id}: reload failed: ${m.error}`);
  };

  const fork = (): Promise<number[]> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ VIGIL_GATEWAY_WORKERS: String(count) });
      live.add(worker);
      worker.on('error', (e) => log(`worker ${worker.id}: ${e.message}`));
      worker.on('message', onMessage(worker));
      worker.on('message', (m: ToPrimary) => {
        if (m.t === 'hello') worker.send({ t: 'config', cfg, blocks: shared ? undefined : blocks.list() } satisfies ToWorker);
        else if (m.t === 'ready') resolve(m.ports);
      });
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        if (stopping) return;
        log(`worker ${worker.id} exited (${signal ?? code}); starting another`);
        fork().catch((e: Error) => log(`cannot restart a worker: ${e.message}`));
        reject(new Error(`worker exited during start (${signal ?? code})`));
      });
    });

  const ports = (await Promise.all(Array.from({ length: count }, fork)))[0]!;

  const admin = await startAdmin(
    () => cfg,
    blocks,
    async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() }),
    () => ({ ok: live.size > 0, detail: { workers: live.size, expected: count } }),
  );

  const onHup = () => {
    if (!reloadConfig) return;
    try {
      cfg = reloadConfig();
    } catch (e) {
      log(`reload failed, keeping the running configuration: ${(e as Error).message}`);
      return;
    }
    for (const w of live) if (w.isConnected()) w.send({ t: 'config', cfg } satisfies ToWorker);
    log('configuration reloaded');
  };
  process.on('SIGHUP', onHup);

  return {
    ports,
    adminPort: admin ? portOf(admin) : undefined,
    blocks,
    async stop() {
      stopping = true;
      process.off('SIGHUP', onHup);
      await Promise.all(
        [...live].map(
          (w) =>
            new Promise<void>((done) => {
              if (w.isDead()) return done();
              w.once('exit', () => done());
              if (w.isConnected()) w.send({ t: 'shutdown' } satisfies ToWorker);
            }),
        ),
      );
      admin?.shutdown();
    },
  };
}

/** A cluster worker: waits for its configuration, serves, reloads and stops when the primary says. */
export function runGatewayWorker(): void {
  const workers = Number(process.env.VIGIL_GATEWAY_WORKERS ?? 1);
  const pending = new Map<number, (g: Grant) => void>();
  let nextId = 0;
  const ask = (key: string, spec: BucketSpec, want: number): Promise<Grant> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      process.send!({ t: 'rl', id, key, spec, want } satisfies ToPrimary);
    });
  const limiter = new LeasedLimiter(ask, workers);
  const metrics = new GatewayMetrics();
  const local = new LocalBlocks();
  // constructing an aggregator is what makes prom-client answer the primary's metric requests
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([metrics.registry, recordingRegistry]);
  let gw: RunningGateway | undefined;

  process.on('message', (m: ToWorker) => {
    if (m.t === 'rl') {
      pending.get(m.id)?.(m.grant);
      pending.delete(m.id);
    } else if (m.t === 'block') {
      local.apply(m.change);
    } else if (m.t === 'config') {
      if (!gw) {
        const start = async (): Promise<RunningGateway> => {
          await loadEngineDrivers(m.cfg);
          const shared = sharedBlocksFor(m.cfg);
          if (!shared) local.load(m.blocks ?? []);
          return startGateway(m.cfg, { limiter: sharedLimiterFor(m.cfg) ?? limiter, metrics, blocks: shared ?? local });
        };
        start().then(
          (g) => {
            gw = g;
            process.send!({ t: 'ready', ports: g.ports } satisfies ToPrimary);
          },
          (e: Error) => {
            console.error(`vigil worker: cannot start: ${e.message}`);
            process.exit(1);
          },
        );
      } else gw.reload(m.cfg).catch((e: Error) => process.send!({ t: 'reload-failed', error: e.message } satisfies ToPrimary));
    } else if (m.t === 'shutdown') {
      (gw ? gw.close() : Promise.resolve()).finally(() => process.exit(0));
    }
  });
  // the primary handles signals; a worker only stops when told (or when the primary goes away)
  process.on('SIGINT', () => undefined);
  process.on('SIGHUP', () => undefined);
  process.on('disconnect', () => process.exit(0));
  process.send!({ t: 'hello' } satisfies ToPrimary);
}
