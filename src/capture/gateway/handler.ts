import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { TLSSocket } from 'node:tls';
import type { Exchange } from '../../exchange/exchange.js';
import { newDecision } from '../../exchange/exchange.js';
import { newRequestId } from '../../exchange/ids.js';
import { normalisePath } from '../../exchange/path.js';
import { normaliseIp } from '../../net/cidr.js';
import type { CompiledPolicy, RoutePolicy } from '../../policy/compile.js';
import { runControls } from '../../pipeline/run-controls.js';
import type { ConsumerSet } from '../../pipeline/consumer.js';
import { desyncProblem } from './desync.js';
import { downstreamHeaders, upstreamHeaders } from './forwarding.js';
import { sendProblem } from './problem.js';
import type { UpstreamPool } from './upstream-pool.js';
import type { GatewayMetrics } from './metrics.js';
import type { GeoLookup } from './geo-lookup.js';

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export interface GatewayState {
  policy: CompiledPolicy;
  upstreams: UpstreamPool;
  geo?: GeoLookup;
}

/**
 * The request lifecycle, in named phases:
 *   1 head      desync defence, request id, client address, route match
 *   2 headers   header-phase controls (ip, geo, limits, auth, rate limit)
 *   3 body      buffer up to the inspection limit when a body control needs it, then body controls (schema, detect)
 *   4 forward   to the upstream over a keep-alive pool; the response is streamed back
 *   5 complete  the finished exchange goes to the consumers (events, recording, discovery, alerting)
 * A block answers an RFC 9457 problem at the phase that decided it.
 */
export class GatewayHandler {
  constructor(
    private state: GatewayState,
    private readonly consumers: ConsumerSet,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** Swaps in a reloaded policy; requests in flight keep the state they started with. */
  setState(state: GatewayState): void {
    this.state = state;
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      this.serve(req, res);
    } catch (e) {
      // a bug must cost one request, never the process serving everyone else
      this.metrics.internalError();
      if (!res.headersSent) sendProblem(res, { status: 500, requestId: 'unknown', rule: 'internal-error', close: true });
      else res.destroy();
      console.error(`vigil gateway: internal error: ${(e as Error).stack ?? e}`);
    }
  };

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const state = this.state;
    const policy = state.policy;
    const start = Date.now();
    const socket = req.socket;
    const peer = socket.remoteAddress ?? '0.0.0.0';
    const scheme = (socket as TLSSocket).encrypted ? 'https' : 'http';
    const resolved = policy.clientIp.resolve(peer, req.headers);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const ex: Exchange = {
      id: newRequestId(start),
      source: 'gateway',
      client: { ip: resolved.ip, peerIp: normaliseIp(peer), forwardedFor: resolved.forwardedFor },
      request: {
        method: req.method ?? 'GET',
        url,
        path: rawPath,
        query: q < 0 ? '' : url.slice(q + 1),
        host: req.headers.host ?? '',
        scheme,
        httpVersion: req.httpVersion,
        headers: req.headers,
        bodySize: 0,
        bodyTruncated: false,
      },
      route: { params: {} },
      findings: [],
      decision: newDecision(),
      timings: { start },
    };
    if (state.geo) {
      const g = state.geo(ex.client.ip);
      if (g.country) ex.client.country = g.country;
      if (g.asn !== undefined) ex.client.asn = g.asn;
      if (g.asnOrg) ex.client.asnOrg = g.asnOrg;
    }

    const desync = desyncProblem(req.rawHeaders);
    if (desync) return this.refuse(req, res, ex, 'protocol', 'protocol.desync', desync, 400, true);
    const normal = normalisePath(rawPath);
    if (!normal.ok) return this.refuse(req, res, ex, 'protocol', 'protocol.path', normal.problem, 400, false);
    ex.request.path = normal.path;

    const hit = policy.routes.match(ex.request.host, ex.request.method, normal.path);
    const route = hit?.value ?? policy.unmatched;
    if (!route) return this.refuse(req, res, ex, 'route', 'route.unknown', 'no route matches this request', 404, false);
    if (hit) ex.route = { name: hit.value.name, template: hit.template, params: hit.params };

    const afterHeaders = runControls(ex, route.headerControls);
    if (afterHeaders instanceof Promise) afterHeaders.then(() => this.afterHeaders(req, res, ex, route, state)).catch((e: unknown) => this.fail(res, ex, e));
    else this.afterHeaders(req, res, ex, route, state);
  }

  /** Runs a step of the lifecycle from an event callback, where a throw would otherwise take the process down. */
  private guard(res: ServerResponse, ex: Exchange, step: () => void): void {
    try {
      step();
    } catch (e) {
      this.fail(res, ex, e);
    }
  }

  private fail(res: ServerResponse, ex: Exchange, e: unknown): void {
    this.metrics.internalError();
    ex.error = `internal error: ${(e as Error).message ?? e}`;
    if (!res.headersSent) sendProblem(res, { status: 500, requestId: ex.id, rule: 'internal-error', close: true });
    else res.destroy();
    this.complete(ex);
  }

  private afterHeaders(req: IncomingMessage, res: ServerResponse, ex: Exchange, route: RoutePolicy, state: GatewayState): void {
    if (ex.decision.action === 'block') return this.block(req, res, ex);
    const declared = Number(req.headers['content-length'] ?? -1);
    const hasBody = declared > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody) {
      if (route.bodyControls.length) {
        const r = runControls(ex, route.bodyControls);
        if (r instanceof Promise) return void r.then(() => this.afterBody(req, res, ex, route, state, undefined)).catch((e: unknown) => this.fail(res, ex, e));
      }
      return this.afterBody(req, res, ex, route, state, undefined);
    }
    const limit = state.policy.config.inspect_body_bytes;
    if (route.needsBody && (declared < 0 || declared <= limit)) return this.bufferBody(req, res, ex, route, state, limit);
    ex.request.bodyTruncated = route.needsBody;
    this.forward(req, res, ex, route, state, undefined);
  }

  private bufferBody(req: IncomingMessage, res: ServerResponse, ex: Exchange, route: RoutePolicy, state: GatewayState, limit: number): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const max = route.maxBodyBytes;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (max !== undefined && size > max) {
        tooLarge = true;
        req.pause();
        ex.request.bodySize = size;
        this.refuseBody(req, res, ex, 'limits.body-size', `body larger than ${max} bytes`, 413);
        return;
      }
      if (size > limit) {
        // a chunked body grew past the inspection limit: inspect what we have, stream the rest
        req.pause();
        req.removeAllListeners('data');
        req.removeAllListeners('end');
        ex.request.bodyTruncated = true;
        chunks.push(c);
        const head = Buffer.concat(chunks);
        ex.request.body = head.subarray(0, limit);
        this.guard(res, ex, () => this.runBody(req, res, ex, route, state, head));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      ex.request.body = body;
      ex.request.bodySize = size;
      this.guard(res, ex, () => this.runBody(req, res, ex, route, state, body));
    });
  }

  private runBody(req: IncomingMessage, res: ServerResponse, ex: Exchange, route: RoutePolicy, state: GatewayState, body: Buffer): void {
    const r = runControls(ex, route.bodyControls);
    if (r instanceof Promise) r.then(() => this.afterBody(req, res, ex, route, state, body)).catch((e: unknown) => this.fail(res, ex, e));
    else this.afterBody(req, res, ex, route, state, body);
  }

  private afterBody(req: IncomingMessage, res: ServerResponse, ex: Exchange, route: RoutePolicy, state: GatewayState, body: Buffer | undefined): void {
    if (ex.decision.action === 'block') return this.block(req, res, ex);
    this.forward(req, res, ex, route, state, body);
  }

  private forward(req: IncomingMessage, res: ServerResponse, ex: Exchange, route: RoutePolicy, state: GatewayState, head: Buffer | undefined): void {
    const upstream = state.upstreams.get(route.upstream);
    const complete = !req.readable || req.readableEnded;
    const headers = upstreamHeaders(req.headers, {
      requestId: ex.id,
      peerIp: ex.client.peerIp,
      peerTrusted: state.policy.clientIp.trusts(ex.client.peerIp),
      scheme: ex.request.scheme,
      host: ex.request.host,
      contentLength: head && complete ? head.length : undefined,
    });
    // the rest of a chunked body that outgrew the inspection limit follows its head, chunked again
    if (head && !complete) delete headers['content-length'];
    const sendsBody = head !== undefined || req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    let refused = false;
    let body: Buffer | Readable | null = null;
    if (head && complete) body = head;
    else if (sendsBody)
      body = Readable.from(
        this.streamedBody(req, ex, head, route.maxBodyBytes, () => {
          refused = true;
          this.refuseBody(req, res, ex, 'limits.body-size', `body larger than ${route.maxBodyBytes} bytes`, 413);
        }),
        { objectMode: false },
      );
    else req.resume();

    const started = Date.now();
    let controller: Dispatcher.DispatchController | undefined;
    let failed = false;
    let size = 0;
    const fail = (status: number, message: string) => {
      if (failed) return;
      failed = true;
      ex.error = message;
      this.metrics.upstreamError(route.upstream);
      if (!res.headersSent) {
        ex.response = { status, headers: {}, bodySize: 0 };
        sendProblem(res, { status, requestId: ex.id, rule: status === 504 ? 'upstream.timeout' : 'upstream.unavailable' });
      } else res.destroy();
    };
    res.on('close', () => {
      if (!res.writableFinished) controller?.abort(new Error('the client went away'));
      this.complete(ex);
    });
    upstream.pool.dispatch(
      { path: upstream.basePath + ex.request.url, method: ex.request.method, headers, body },
      {
        onRequestStart: (c) => {
          controller = c;
        },
        onResponseStart: (_c, status, upstreamHeaders) => {
          if (status < 200) return; // informational (103 Early Hints): the final head follows
          ex.timings.upstream = Date.now() - started;
          const declared = upstreamHeaders['content-length'];
          ex.response = { status, headers: upstreamHeaders, bodySize: declared === undefined ? 0 : Number(declared) };
          res.writeHead(status, downstreamHeaders(upstreamHeaders, ex.id));
        },
        onResponseData: (c, chunk) => {
          size += chunk.length;
          if (!res.write(chunk)) {
            c.pause();
            res.once('drain', () => c.resume());
          }
        },
        onResponseEnd: () => {
          if (ex.response && ex.response.headers['content-length'] === undefined) ex.response.bodySize = size;
          res.end();
        },
        onResponseError: (_c, e) => {
          if (refused) return;
          const code = (e as NodeJS.ErrnoException).code ?? e.message;
          if (TIMEOUTS.has(code)) fail(504, 'upstream timed out');
          else fail(502, `upstream error: ${code}`);
        },
      },
    );
  }

  /** A body streamed to the upstream as it arrives (after the head already read), held to the route's size limit. */
  private async *streamedBody(req: IncomingMessage, ex: Exchange, head: Buffer | undefined, max: number | undefined, tooLarge: () => void): AsyncGenerator<Buffer> {
    let streamed = 0;
    if (head) {
      streamed = head.length;
      yield head;
    }
    for await (const chunk of req as AsyncIterable<Buffer>) {
      streamed += chunk.length;
      if (max !== undefined && streamed > max) {
        ex.request.bodySize = streamed;
        tooLarge();
        throw new Error('request body over the size limit');
      }
      yield chunk;
    }
    ex.request.bodySize = streamed;
  }

  private block(req: IncomingMessage, res: ServerResponse, ex: Exchange): void {
    const reason = ex.decision.reasons[ex.decision.reasons.length - 1]!;
    const status = ex.decision.status ?? 403;
    ex.response = { status, headers: {}, bodySize: 0 };
    // an unread body would stall the connection; small ones are drained, large ones close it
    const pending = req.readable && !req.readableEnded;
    const large = Number(req.headers['content-length'] ?? 0) > 65536 || req.headers['transfer-encoding'] !== undefined;
    res.on('close', () => this.complete(ex));
    sendProblem(res, {
      status,
      requestId: ex.id,
      rule: reason.rule,
      retryAfter: reason.retryAfter,
      close: pending && large,
      wwwAuthenticate: status === 401,
    });
    if (pending) req.resume();
  }

  /** Refused before any control ran (malformed request, no route): always enforced. */
  private refuse(req: IncomingMessage, res: ServerResponse, ex: Exchange, control: string, rule: string, message: string, status: number, close: boolean): void {
    ex.decision = { action: 'block', status, reasons: [{ control, rule, message, status, mode: 'enforce' }] };
    ex.response = { status, headers: {}, bodySize: 0 };
    res.on('close', () => this.complete(ex));
    sendProblem(res, { status, requestId: ex.id, rule, close });
    if (close) req.socket.destroySoon();
    else req.resume();
  }

  private refuseBody(req: IncomingMessage, res: ServerResponse, ex: Exchange, rule: string, message: string, status: number): void {
    ex.decision = { action: 'block', status, reasons: [...ex.decision.reasons, { control: 'limits', rule, message, status, mode: 'enforce' }] };
    ex.response = { status, headers: {}, bodySize: 0 };
    if (!res.headersSent) {
      res.on('close', () => this.complete(ex));
      sendProblem(res, { status, requestId: ex.id, rule, close: true });
    } else res.destroy();
    req.socket.destroySoon();
  }

  private complete(ex: Exchange): void {
    if (ex.timings.total !== undefined) return;
    ex.timings.total = Date.now() - ex.timings.start;
    this.metrics.observe(ex);
    this.consumers.emit(ex);
  }
}
