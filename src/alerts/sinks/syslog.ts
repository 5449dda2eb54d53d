import dgram from 'node:dgram';
import net from 'node:net';
import tls from 'node:tls';
import { hostname } from 'node:os';
import type { Severity } from '../alert.js';
import type { Alert } from '../alert.js';
import type { SinkFormat } from '../../config/types.js';
import type { SinkTransport } from './queued-sink.js';
import { textLines } from './encode.js';

// Syslog (RFC 5424) carrying CEF or LEEF, over UDP (RFC 5426, one message a datagram), TCP or TLS (RFC 6587 /
// RFC 5425 octet counting: "LEN SP MSG").

const FACILITY_LOCAL0 = 16;
const SYSLOG_SEVERITY: Record<Severity, number> = { low: 5, medium: 4, high: 3, critical: 2 };
const HOST = hostname().replace(/[^!-~]/g, '') || '-';

export function syslogMessage(severity: Severity, msg: string, time: number, appName = 'vigil'): string {
  const pri = FACILITY_LOCAL0 * 8 + SYSLOG_SEVERITY[severity];
  return `<${pri}>1 ${new Date(time).toISOString()} ${HOST} ${appName} ${process.pid} alert - ${msg}`;
}

export interface SyslogOptions {
  host: string;
  port: number;
  transport: 'udp' | 'tcp' | 'tls';
  format: SinkFormat;
  ca?: Buffer;
  connectTimeoutMs?: number;
}

export class SyslogTransport implements SinkTransport {
  private udp: dgram.Socket | undefined;
  private stream: net.Socket | undefined;

  constructor(private readonly o: SyslogOptions) {}

  encode(alert: Alert, update: boolean): string[] {
    return textLines(this.o.format, alert, update).map((m) => syslogMessage(alert.severity, m, alert.lastSeen));
  }

  async deliver(messages: string[]): Promise<void> {
    if (this.o.transport === 'udp') {
      this.udp ??= dgram.createSocket(net.isIPv6(this.o.host) ? 'udp6' : 'udp4');
      this.udp.unref();
      for (const m of messages)
        await new Promise<void>((resolve, reject) => this.udp!.send(Buffer.from(m), this.o.port, this.o.host, (e) => (e ? reject(e) : resolve())));
      return;
    }
    const s = await this.connection();
    const framed = messages.map((m) => `${Buffer.byteLength(m)} ${m}`).join('');
    await new Promise<void>((resolve, reject) => s.write(framed, (e) => (e ? reject(e) : resolve())));
  }

  private connection(): Promise<net.Socket> {
    if (this.stream && !this.stream.destroyed && this.stream.writable) return Promise.resolve(this.stream);
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => {
        s.destroy();
        reject(e);
      };
      const ready = () => {
        s.off('error', onError);
        s.setTimeout(0);
        s.on('error', () => s.destroy());
        s.unref();
        this.stream = s;
        resolve(s);
      };
      const s =
        this.o.transport === 'tls'
          ? tls.connect({ host: this.o.host, port: this.o.port, ca: this.o.ca, servername: net.isIP(this.o.host) ? undefined : this.o.host }, ready)
          : net.connect({ host: this.o.host, port: this.o.port }, ready);
      s.once('error', onError);
      s.setTimeout(this.o.connectTimeoutMs ?? 5000, () => onError(new Error('connect timeout')));
    });
  }

  async close(): Promise<void> {
    this.udp?.close();
    this.udp = undefined;
    const s = this.stream;
    this.stream = undefined;
    if (s && !s.destroyed) await new Promise<void>((resolve) => s.end(resolve));
  }
}
