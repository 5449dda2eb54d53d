import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

// The real services the scale-out tests use. A service that is down is started the way .ci/run does; one that
// still cannot be reached fails the test with a clear message (a test never passes silently without it).

export const REDIS_URL = process.env.VIGIL_TEST_REDIS ?? 'redis://127.0.0.1:6379';
export const NATS_URL = process.env.VIGIL_TEST_NATS ?? 'nats://127.0.0.1:4222';
export const POSTGRES_URL = process.env.VIGIL_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

function reachable(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.on('connect', () => done(true));
    s.on('error', () => done(false));
  });
}

async function waitFor(port: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await reachable(port)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const starters: Record<'redis' | 'postgres' | 'nats', { port: number; start: () => void }> = {
  redis: {
    port: 6379,
    start: () =>
      spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', '6379', '--save', '', '--appendonly', 'no', '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log']),
  },
  postgres: {
    port: 5432,
    start: () => {
      if (!existsSync('/etc/postgresql')) return;
      const version = readdirSync('/etc/postgresql')[0];
      if (version) spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
    },
  },
  nats: {
    port: 4222,
    start: () =>
      spawnSync('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/nats-server', '--', '-a', '127.0.0.1', '-p', '4222', '-js', '-sd', '/var/lib/nats-server', '-l', '/var/log/nats-server.log']),
  },
};

/** Makes sure a service is up (starting it like .ci/run when it is down), or throws naming what is missing. */
export async function requireService(name: keyof typeof starters): Promise<void> {
  const s = starters[name];
  if (await reachable(s.port)) return;
  s.start();
  if (!(await waitFor(s.port, 5000))) throw new Error(`${name} is not reachable on 127.0.0.1:${s.port} and could not be started; the scale-out tests need it`);
}

/** A name unique to this test run (Redis prefix, stream, schema). */
export function runId(label: string): string {
  return `${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
}
