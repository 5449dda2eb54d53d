import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy in front of a real service, to play its outages: `down()` drops every connection and
 * refuses new ones (the port stays reserved: nothing listens), `stall()` holds bytes without answering, `up()`
 * restores service on the same port.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private stalled = false;
  port = 0;

  constructor(private readonly targetPort: number) {}

  async up(): Promise<void> {
    this.stalled = false;
    if (this.server) return;
    const server = net.createServer((client) => {
      if (this.server !== server) return void client.destroy(); // accepted as the proxy went down
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      this.sockets.add(client).add(upstream);
      const forward = (from: net.Socket, to: net.Socket) =>
        from.on('data', (d: Buffer) => {
          if (!this.stalled) to.write(d);
        });
      forward(client, upstream);
      forward(upstream, client);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', end).on('error', end);
      upstream.on('close', end).on('error', end);
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(this.port, '127.0.0.1', () => ok());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Bytes in either direction are swallowed (a hung server, like DEBUG SLEEP). */
  stall(): void {
    this.stalled = true;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    // stop accepting first, so no connection slips in after the sweep (close waits for every connection)
    const closed = server ? new Promise<void>((ok) => server.close(() => ok())) : Promise.resolve();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  get url(): string {
    return `127.0.0.1:${this.port}`;
  }
}
