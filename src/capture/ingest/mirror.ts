import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Exchange, Headers } from '../../exchange/exchange.js';
import { newDecision, firstHeader } from '../../exchange/exchange.js';
import { newRequestId } from '../../exchange/ids.js';
import { ClientIpResolver } from '../../net/client-ip.js';
import { normaliseIp } from '../../net/cidr.js';
import { parseListenAddress } from '../../net/listen-address.js';
import type { CompiledPolicy } from '../../policy/compile.js';
import type { ConsumerSet } from '../../pipeline/consumer.js';
import { observeExchange } from '../../pipeline/observe.js';

// The listener for nginx's `mirror` directive: every mirrored request is answered 204 at once (nginx ignores
// the answer) and becomes an exchange on the observe-only pipeline. nginx names the original request in
// X-Original-URI, the client in X-Forwarded-For and its id in X-Request-ID (see docs/ingest.md).

const MIRROR_HEADERS = ['x-original-uri', 'x-original-method', 'x-mirror-source'];

export interface MirrorOptions {
  policy: CompiledPolicy;
  consumers: ConsumerSet;
  address: string;
  /** Request bodies are kept up to this many bytes (the config's inspect_body_bytes). */
  bodyLimit: number;
  onError?: (e: Error) => void;
}

export interface RunningMirror {
  port: number;
  received: number;
  close(): Promise<void>;
}

export async function startMirror(opts: MirrorOptions): Promise<RunningMirror> {
  const cfg = opts.policy.config;
  // nginx on this host (or a configured proxy) is the one that says who the client was
  const clientIp = new ClientIpResolver([...cfg.trusted_proxies, '127.0.0.0/8', '::1'], ['x-forwarded-for', 'x-real-ip']);
  const state = { received: 0 };
  const server = http.createServer({ requestTimeout: 30_000, maxHeaderSize: 32 * 1024 }, (req, res) => {
    const start = Date.now();
    res.writeHead(204).end();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size < opts.bodyLimit) chunks.push(c.subarray(0, opts.bodyLimit - size));
      size += c.length;
    });
    req.on('end', () => {
      state.received++;
      const ex = toExchange(req, start, Buffer.concat(chunks), size, opts.bodyLimit, clientIp);
      observeExchange(opts.policy, ex, opts.consumers).catch((e: Error) => opts.onError?.(e));
    });
    req.on('error', (e) => opts.onError?.(e));
  });
  const { host, port } = parseListenAddress(opts.address);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    get received() {
      return state.received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function toExchange(req: http.IncomingMessage, start: number, body: Buffer, size: number, limit: number, clientIp: ClientIpResolver): Exchange {
  const headers: Headers = { ...req.headers };
  const url = firstHeader(headers, 'x-original-uri') ?? req.url ?? '/';
  const method = firstHeader(headers, 'x-original-method') ?? req.method ?? 'GET';
  const requestId = firstHeader(headers, 'x-request-id');
  for (const h of MIRROR_HEADERS) delete headers[h];
  const peer = req.socket.remoteAddress ?? '0.0.0.0';
  const client = clientIp.resolve(peer, headers);
  const q = url.indexOf('?');
  return {
    id: requestId && /^[0-9A-Za-z_-]{8,64}$/.test(requestId) ? requestId : newRequestId(start),
    source: 'mirror',
    client: { ip: client.ip, peerIp: normaliseIp(peer), forwardedFor: client.forwardedFor },
    request: {
      method,
      url,
      path: q < 0 ? url : url.slice(0, q),
      query: q < 0 ? '' : url.slice(q + 1),
      host: firstHeader(headers, 'host') ?? '',
      scheme: firstHeader(headers, 'x-forwarded-proto') === 'https' ? 'https' : 'http',
      httpVersion: req.httpVersion,
      headers,
      body: size > 0 ? body : undefined,
      bodySize: size,
      bodyTruncated: size > limit,
    },
    route: { params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start },
  };
}
