import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { RateCap } from './rate-cap.js';

export const MARKER_HEADER = 'x-vigil-validate';
export const PROBE_ID_HEADER = 'x-vigil-validate-probe';

export interface Probe {
  method: string;
  /** Path and query, as sent on the request line. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Another base URL (the origin check); the target's otherwise. */
  base?: string;
}

export interface ProbeReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/**
 * Sends probes to one target: every one carries the run's marker header, goes through the rate cap,
 * and is kept (path and status only) for the exposure checks.
 */
export class Prober {
  readonly sent: { probe: Probe; reply: ProbeReply | undefined }[] = [];
  private seq = 0;

  constructor(
    readonly target: URL,
    readonly runId: string,
    private readonly cap: RateCap,
    private readonly timeoutMs = 5000,
  ) {}

  nextProbeId(): string {
    return `${this.runId}-${(++this.seq).toString(36)}`;
  }

  async send(p: Probe): Promise<ProbeReply> {
    await this.cap.take();
    const base = new URL(p.base ?? this.target.href);
    const basePath = base.pathname.replace(/\/$/, '');
    const headers: Record<string, string> = { ...p.headers, [MARKER_HEADER]: this.runId };
    if (p.body !== undefined) {
      headers['content-length'] = String(Buffer.byteLength(p.body));
      headers['content-type'] ??= 'application/json';
    }
    const started = performance.now();
    const mod = base.protocol === 'https:' ? https : http;
    const reply = await new Promise<ProbeReply>((resolve, reject) => {
      const req = mod.request(
        { host: base.hostname.replace(/^\[|\]$/g, ''), port: base.port || undefined, method: p.method, path: basePath + p.path, headers, agent: false, timeout: this.timeoutMs, rejectUnauthorized: false },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= 256 * 1024) chunks.push(c);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      if (p.body !== undefined) req.write(p.body);
      req.end();
    });
    this.sent.push({ probe: p, reply });
    return reply;
  }

  /** Like send, but a network failure becomes status 0 with the error as body. */
  async trySend(p: Probe): Promise<ProbeReply> {
    try {
      return await this.send(p);
    } catch (e) {
      return { status: 0, headers: {}, body: (e as Error).message, ms: 0 };
    }
  }

  /** Writes bytes as they are (malformed requests) and returns the status line's code, 0 when none came. */
  async raw(bytes: string): Promise<ProbeReply> {
    await this.cap.take();
    const started = performance.now();
    return new Promise((resolve) => {
      const sock = net.connect(Number(this.target.port || 80), this.target.hostname.replace(/^\[|\]$/g, ''));
      let text = '';
      sock.setTimeout(this.timeoutMs, () => sock.destroy());
      sock.on('connect', () => sock.write(Buffer.from(bytes, 'latin1')));
      sock.on('data', (d: Buffer) => {
        text += d.toString('latin1');
        if (text.length > 256 * 1024) sock.destroy();
      });
      sock.on('error', () => undefined);
      sock.on('close', () => {
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
        const split = text.indexOf('\r\n\r\n');
        resolve({ status: m ? Number(m[1]) : 0, headers: {}, body: split < 0 ? '' : text.slice(split + 4), ms: performance.now() - started });
      });
    });
  }
}

/** `GET /x -> 403 (rule)`: one evidence line, with the refusing rule when the answer names one. */
export function line(p: Probe, r: ProbeReply, note = ''): string {
  const rule = /"detail":"Refused by rule ([\w-]+(?:\.[\w-]+)*)/.exec(r.body)?.[1];
  const path = p.path.length > 90 ? `${p.path.slice(0, 90)}…` : p.path;
  return `${p.method} ${path}${note ? ` (${note})` : ''} -> ${r.status || 'no answer'}${rule ? ` ${rule}` : ''}`;
}
