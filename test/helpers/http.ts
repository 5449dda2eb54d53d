import http from 'node:http';
import net from 'node:net';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Connect from this local address (e.g. 127.0.0.2 or ::1) to play another client. */
  localAddress?: string;
  host?: string;
}

/** One request on a fresh connection (no keep-alive), answered as text. */
export function request(port: number, path: string, o: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: o.host ?? '127.0.0.1', port, path, method: o.method ?? 'GET', headers: o.headers, localAddress: o.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
        });
      },
    );
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

/** Sends raw bytes and returns the status line's code (0 when the connection closed without an answer). */
export function rawRequest(port: number, bytes: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let text = '';
    sock.setTimeout(3000, () => sock.destroy());
    sock.on('connect', () => sock.write(Buffer.from(bytes, 'latin1')));
    sock.on('data', (d) => (text += d.toString('latin1')));
    sock.on('close', () => {
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text });
    });
    sock.on('error', () => undefined);
  });
}
