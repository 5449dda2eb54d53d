import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';

// Real receivers on loopback, as a SIEM's collectors would listen.

export interface Received<T> {
  port: number;
  items: T[];
  /** Resolves once `n` items arrived (or rejects after a timeout). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  close(): Promise<void>;
}

function collector<T>(): { items: T[]; push: (t: T) => void; waitFor: (n: number, timeoutMs?: number) => Promise<T[]> } {
  const items: T[] = [];
  let waiters: (() => void)[] = [];
  return {
    items,
    push(t) {
      items.push(t);
      const w = waiters;
      waiters = [];
      w.forEach((f) => f());
    },
    waitFor(n, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${items.length} of ${n} arrived`)), timeoutMs);
        const check = () => {
          if (items.length >= n) {
            clearTimeout(timer);
            resolve(items);
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

export async function udpReceiver(): Promise<Received<string>> {
  const c = collector<string>();
  const sock = dgram.createSocket('udp4');
  sock.on('message', (m) => c.push(m.toString('utf8')));
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  return { port: (sock.address() as AddressInfo).port, items: c.items, waitFor: c.waitFor, close: () => new Promise((r) => sock.close(() => r())) };
}

/** Parses RFC 6587 octet-counted frames ("LEN SP MSG") from a byte stream. */
function octetFrames(onFrame: (m: string) => void): (chunk: Buffer) => void {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const sp = buf.indexOf(0x20);
      if (sp < 0) return;
      const len = Number(buf.subarray(0, sp).toString());
      if (buf.length < sp + 1 + len) return;
      onFrame(buf.subarray(sp + 1, sp + 1 + len).toString('utf8'));
      buf = buf.subarray(sp + 1 + len);
    }
  };
}

export async function streamReceiver(tlsOptions?: { key: Buffer; cert: Buffer }, port = 0): Promise<Received<string>> {
  const c = collector<string>();
  const sockets = new Set<net.Socket>();
  const onConnection = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('data', octetFrames(c.push));
  };
  const server = tlsOptions ? tls.createServer(tlsOptions, onConnection) : net.createServer(onConnection);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    items: c.items,
    waitFor: c.waitFor,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export interface HttpRequestSeen {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export async function httpReceiver(port = 0, status = 200): Promise<Received<HttpRequestSeen>> {
  const c = collector<HttpRequestSeen>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      res.writeHead(status).end();
      if (status < 300) c.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    items: c.items,
    waitFor: c.waitFor,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port that was free a moment ago: nothing listens there until a test starts something on it. */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
