import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

// One holder at a time for a role (the analysis consumer): a Redis key set with NX and a TTL, renewed by its
// holder every third of the TTL with a compare-and-expire script. A holder that cannot renew steps down before
// the key can expire (two thirds of the TTL after its last confirmed renewal), so a standby that takes the key
// afterwards never overlaps with it, short of a process paused for longer than that.

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface LeaderLeaseOptions {
  redis: Redis;
  key: string;
  /** Lease time; default 5 s. A dead holder is replaced within about this long. */
  ttlMs?: number;
  /** Called on every change, in order (a change waits for the previous call to settle). */
  onChange: (leading: boolean) => Promise<void> | void;
  log?: (line: string) => void;
}

export class LeaderLease {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private leading = false;
  private confirmedAt = 0;
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private changes: Promise<void> = Promise.resolve();
  private readonly ttl: number;

  constructor(private readonly opts: LeaderLeaseOptions) {
    this.ttl = opts.ttlMs ?? 5000;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.ttl / 3)));
  }

  /** Stops renewing; the lease is released (a standby takes over at once) and the role stopped. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    while (this.ticking) await new Promise((r) => setTimeout(r, 10));
    if (this.leading) {
      await this.opts.redis.eval(RELEASE, 1, this.opts.key, this.id).catch(() => undefined);
      this.change(false);
    }
    await this.changes;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    const sentAt = Date.now();
    try {
      if (this.leading) {
        const renewed = (await this.opts.redis.eval(RENEW, 1, this.opts.key, this.id, String(this.ttl))) === 1;
        if (renewed) this.confirmedAt = sentAt;
        else {
          this.opts.log?.('analysis lease lost to another worker');
          this.change(false);
        }
      } else if ((await this.opts.redis.set(this.opts.key, this.id, 'PX', this.ttl, 'NX')) === 'OK') {
        this.confirmedAt = sentAt;
        this.change(true);
      }
    } catch {
      // Redis unreachable: the check below decides
    } finally {
      this.ticking = false;
    }
    if (this.leading && Date.now() - this.confirmedAt > (this.ttl * 2) / 3) {
      this.opts.log?.('analysis lease not renewed in time (Redis unreachable?): stepping down');
      this.change(false);
    }
  }

  private change(leading: boolean): void {
    if (this.leading === leading) return;
    this.leading = leading;
    this.changes = this.changes.then(() => this.opts.onChange(leading)).catch((e: Error) => this.opts.log?.(`analysis ${leading ? 'start' : 'stop'} failed: ${e.message}`));
  }
}
