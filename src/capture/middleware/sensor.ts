import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { VigilConfig } from '../../config/types.js';
import { newDecision, type Exchange } from '../../exchange/exchange.js';
import { newRequestId } from '../../exchange/ids.js';
import { normalisePath } from '../../exchange/path.js';
import { normaliseIp } from '../../net/cidr.js';
import { observeExchange } from '../../pipeline/observe.js';
import { runControls } from '../../pipeline/run-controls.js';
import { defaultObserveConfig, openObservePipeline, type ObservePipeline } from '../ingest/observe-pipeline.js';

// The in-process sensor behind the Express and Fastify middleware: the same pipeline as the gateway, fed from
// inside the application. In monitor mode (the default) nothing runs before the handler: the exchange is
// observed once the response is finished. In enforce mode the controls run first and a refusal is answered.

export interface SensorOptions {
  config?: VigilConfig;
  mode?: 'monitor' | 'enforce';
  /** Record to this SQLite file instead of the config's store (or ./vigil-data/vigil.db). */
  db?: string;
}

export interface Refusal {
  status: number;
  body: { type: string; title: string; status: number; request_id: string };
}

export class Sensor {
  private constructor(
    readonly pipeline: ObservePipeline,
    readonly mode: 'monitor' | 'enforce',
  ) {}

  static async open(opts: SensorOptions = {}): Promise<Sensor> {
    return new Sensor(await openObservePipeline(opts.config ?? defaultObserveConfig(), opts.db), opts.mode ?? 'monitor');
  }

  /** The exchange of a request, as it arrived. */
  begin(req: IncomingMessage): Exchange {
    const start = Date.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const peer = req.socket.remoteAddress ?? '0.0.0.0';
    const client = this.pipeline.policy.clientIp.resolve(peer, req.headers);
    return {
      id: newRequestId(start),
      source: 'middleware',
      client: { ip: client.ip, peerIp: normaliseIp(peer), forwardedFor: client.forwardedFor },
      request: {
        method: req.method ?? 'GET',
        url,
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? '' : url.slice(q + 1),
        host: req.headers.host ?? '',
        scheme: (req.socket as TLSSocket).encrypted ? 'https' : 'http',
        httpVersion: req.httpVersion,
        headers: req.headers,
        bodySize: Number(req.headers['content-length'] ?? 0) || 0,
        bodyTruncated: false,
      },
      route: { params: {} },
      findings: [],
      decision: newDecision(),
      timings: { start },
    };
  }

  /** A body the framework parsed, given back to the exchange for inspection and recording. */
  attachBody(ex: Exchange, body: unknown): void {
    if (body === undefined || body === null || ex.request.body) return;
    const buf = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
    const limit = this.pipeline.cfg.inspect_body_bytes;
    ex.request.body = buf.subarray(0, limit);
    ex.request.bodyTruncated = buf.length > limit;
    ex.request.bodySize = Math.max(ex.request.bodySize, buf.length);
  }

  /** Enforce mode: runs the route's controls before the handler; a refusal to answer, or undefined. */
  async enforce(ex: Exchange): Promise<Refusal | undefined> {
    if (this.mode !== 'enforce') return undefined;
    const policy = this.pipeline.policy;
    const normal = normalisePath(ex.request.path);
    if (normal.ok) ex.request.path = normal.path;
    const hit = policy.routes.match(ex.request.host, ex.request.method, ex.request.path);
    const route = hit?.value ?? policy.unmatched;
    if (hit) ex.route = { name: hit.value.name, template: hit.template, params: hit.params };
    if (route) {
      await runControls(ex, route.headerControls);
      if (ex.decision.action !== 'block') await runControls(ex, route.bodyControls);
    }
    if (ex.decision.action !== 'block') return undefined;
    const status = ex.decision.status ?? 403;
    const rule = ex.decision.reasons.at(-1)?.rule ?? 'refused';
    return { status, body: { type: `https://vigil.dev/problems/${rule}`, title: 'Request refused', status, request_id: ex.id } };
  }

  /** The response is finished: the exchange goes to the consumers (observed first in monitor mode). */
  finish(ex: Exchange, status: number, headers: Record<string, string | string[] | number | undefined>, routeTemplate?: string): void {
    const resHeaders: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(headers)) if (v !== undefined) resHeaders[k.toLowerCase()] = typeof v === 'number' ? String(v) : v;
    ex.response = { status, headers: resHeaders, bodySize: Number(resHeaders['content-length'] ?? 0) || 0 };
    ex.timings.total = Date.now() - ex.timings.start;
    if (routeTemplate && !ex.route.template) ex.route.template = routeTemplate;
    if (this.mode === 'enforce') this.pipeline.consumers.emit(ex);
    else observeExchange(this.pipeline.policy, ex, this.pipeline.consumers).catch(() => undefined);
  }

  close(): Promise<void> {
    return this.pipeline.close();
  }
}
