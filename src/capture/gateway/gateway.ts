import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import type { VigilConfig } from '../../config/types.js';
import { compilePolicy } from '../../policy/compile.js';
import type { RateLimiter } from '../../policy/ratelimit/limiter.js';
import { LocalLimiter } from '../../policy/ratelimit/limiter.js';
import { LocalBlocks, type RuntimeBlocks } from '../../policy/blocks/runtime-blocks.js';
import { ConsumerSet } from '../../pipeline/consumer.js';
import { newDecision, type Exchange } from '../../exchange/exchange.js';
import { newRequestId } from '../../exchange/ids.js';
import { normaliseIp } from '../../net/cidr.js';
import { parseListenAddress } from '../../net/listen-address.js';
import { configuredConsumers } from '../../pipeline/configured-consumers.js';
import { loadEngineDrivers } from '../../cluster/engines.js';
import { GatewayHandler, type GatewayState } from './handler.js';
import { UpstreamPool } from './upstream-pool.js';
import { GatewayMetrics } from './metrics.js';
import { openGeoLookup } from './geo-setup.js';
import { warmUpDetection } from '../../detect/warm-up.js';

export interface GatewayOptions {
  limiter?: RateLimiter;
  /** Runtime blocks set by responders; a process-local set when not given. */
  blocks?: RuntimeBlocks;
  metrics?: GatewayMetrics;
  /** Extra consumers of completed exchanges (recording, alerting, ...). */
  consumers?: ConsumerSet;
}

export interface RunningGateway {
  /** Bound ports, in the order of config.listen. */
  ports: number[];
  metrics: GatewayMetrics;
  consumers: ConsumerSet;
  blocks: RuntimeBlocks;
  /** Applies a new config; requests in flight finish under the old one. */
  reload(cfg: VigilConfig): Promise<void>;
  /** Stops accepting, lets requests in flight finish (up to timeouts.shutdown_ms), flushes consumers. */
  close(): Promise<void>;
}

async function buildState(cfg: VigilConfig, limiter: RateLimiter, blocks: RuntimeBlocks): Promise<GatewayState> {
  return {
    policy: compilePolicy(cfg, { limiter, blocks }),
    upstreams: new UpstreamPool(cfg.upstreams, cfg.timeouts.upstream_ms),
    geo: await openGeoLookup(cfg),
  };
}

/** The paranoia levels detection may run at: the default (unmatched traffic) and each route's. */
function detectionParanoia(cfg: VigilConfig): number[] {
  return [1, ...cfg.routes.map((r) => r.detect?.paranoia ?? 1)];
}

function createServer(listener: VigilConfig['listen'][number], cfg: VigilConfig, baseDir: string): http.Server {
  const options: http.ServerOptions = {
    requestTimeout: cfg.timeouts.headers_ms + cfg.timeouts.body_ms,
    headersTimeout: cfg.timeouts.headers_ms,
    keepAliveTimeout: cfg.timeouts.idle_ms,
    // how often Node enforces the two timeouts above (its default, 30 s, would let slow clients linger)
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(cfg.timeouts.headers_ms / 2))),
    insecureHTTPParser: false,
    requireHostHeader: true,
    maxHeaderSize: 32 * 1024,
  };
  if (!listener.tls) return http.createServer(options);
  return https.createServer({
    ...options,
    cert: readFileSync(resolve(baseDir, listener.tls.cert)),
    key: readFileSync(resolve(baseDir, listener.tls.key)),
  });
}

/** Runs the gateway's listeners in this process. */
export async function startGateway(cfg: VigilConfig, opts: GatewayOptions = {}): Promise<RunningGateway> {
  const limiter = opts.limiter ?? new LocalLimiter();
  const metrics = opts.metrics ?? new GatewayMetrics();
  const consumers = opts.consumers ?? new ConsumerSet();
  await loadEngineDrivers(cfg);
  for (const c of configuredConsumers(cfg)) consumers.add(c);
  const blocks = opts.blocks ?? new LocalBlocks();
  let state = await buildState(cfg, limiter, blocks);
  warmUpDetection(detectionParanoia(cfg));
  const handler = new GatewayHandler(state, consumers, metrics);
  const servers: http.Server[] = [];
  const ports: number[] = [];

  for (const listener of cfg.listen) {
    const server = createServer(listener, cfg, cfg.baseDir);
    server.on('request', handler.handle);
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
      onClientError(err, socket, consumers, metrics, listener.tls ? 'https' : 'http');
    });
    const { host, port } = parseListenAddress(listener.address);
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, host, () => ok());
    });
    servers.push(server);
    ports.push((server.address() as AddressInfo).port);
  }

  return {
    ports,
    metrics,
    consumers,
    blocks,
    async reload(next) {
      const old = state;
      state = await buildState(next, limiter, blocks);
      handler.setState(state);
      // requests in flight on the old pools finish first
      old.upstreams.close();
    },
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((done) => {
              const force = setTimeout(() => s.closeAllConnections(), cfg.timeouts.shutdown_ms);
              s.close(() => {
                clearTimeout(force);
                done();
              });
              s.closeIdleConnections();
            }),
        ),
      );
      state.upstreams.close();
      await consumers.close();
    },
  };
}

/**
 * A request the HTTP parser refused (malformed framing, invalid header, obs-fold, bad chunk size): answered 400
 * and closed, and still counted and recorded as a blocked exchange, so nothing refused goes unseen.
 */
function onClientError(err: NodeJS.ErrnoException, socket: Socket, consumers: ConsumerSet, metrics: GatewayMetrics, scheme: 'http' | 'https'): void {
  const code = err.code ?? 'ERR';
  const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  if (code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const start = Date.now();
  const ex: Exchange = {
    id: newRequestId(start),
    source: 'gateway',
    client: { ip: normaliseIp(socket.remoteAddress ?? '0.0.0.0'), peerIp: normaliseIp(socket.remoteAddress ?? '0.0.0.0'), forwardedFor: [] },
    request: { method: '', url: '', path: '', query: '', host: '', scheme, httpVersion: '1.1', headers: {}, bodySize: 0, bodyTruncated: false },
    route: { params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start, total: 0 },
    response: { status, headers: {}, bodySize: 0 },
  };
  ex.decision = {
    action: 'block',
    status,
    reasons: [{ control: 'protocol', rule: 'protocol.parse-error', message: `malformed request (${code})`, status, mode: 'enforce' }],
  };
  const body = JSON.stringify({ type: 'https://vigil.dev/problems/protocol.parse-error', title: 'Bad Request', status, request_id: ex.id });
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
      `content-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${ex.id}\r\nconnection: close\r\n\r\n${body}`,
  );
  metrics.observe(ex);
  consumers.emit(ex);
}
