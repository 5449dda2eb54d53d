import { Redis } from 'ioredis';
import { ActorMirror, actorKey, type ActorRef, type BlockChange, type BlockEntry, type EntryKind } from '../../policy/blocks/actor-mirror.js';
import type { RuntimeBlocks } from '../../policy/blocks/runtime-blocks.js';

// Runtime blocks and allows of actors (a client address or a principal) with a TTL, shared by every gateway
// instance through Redis: one key per entry (expiring with it) and a pub/sub channel that carries each change to
// every instance at once. Questions are answered synchronously from a local mirror, never from Redis.

export type { ActorRef, EntryKind };
type Change = BlockChange;

export interface ActorBlocksOptions {
  prefix?: string;
  /** A full reload from Redis happens this often, besides each (re)connection; default 30 s. */
  resyncIntervalMs?: number;
}

export class ActorBlocks implements RuntimeBlocks {
  private readonly mirror = new ActorMirror();
  /** Changes made while Redis was unreachable, written once it answers again. */
  private readonly pending = new Map<string, Change>();
  private readonly prefix: string;
  private readonly channel: string;
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly timer: NodeJS.Timeout;
  private readyOnce: Promise<void>;

  constructor(url: string, opts: ActorBlocksOptions = {}) {
    this.prefix = `${opts.prefix ?? 'vigil:'}actor:`;
    this.channel = `${this.prefix}changes`;
    const options = { commandTimeout: 1000, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: (n: number) => Math.min(500, 25 * 2 ** Math.min(n, 5)) };
    this.commands = new Redis(url, options);
    this.subscriber = new Redis(url, { ...options, commandTimeout: undefined });
    this.commands.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, text: string) => this.apply(JSON.parse(text) as Change));
    let firstReady: () => void = () => undefined;
    this.readyOnce = new Promise((ok) => (firstReady = ok));
    this.subscriber.on('ready', () => {
      this.subscriber
        .subscribe(this.channel)
        .then(() => this.flushPending())
        .then(() => this.resync())
        .then(firstReady, () => undefined);
    });
    this.timer = setInterval(() => void this.resync().catch(() => undefined), opts.resyncIntervalMs ?? 30_000);
    this.timer.unref();
  }

  /** Resolves once the mirror has been loaded from Redis the first time. */
  ready(): Promise<void> {
    return this.readyOnce;
  }

  block(actor: ActorRef, ttlMs: number, reason?: string): Promise<void> {
    return this.change({ op: 'set', kind: 'block', actor: actorKey(actor), ttlMs, reason });
  }

  /** A temporary exemption: an allowed actor is never blocked by an entry here while it lasts. */
  allow(actor: ActorRef, ttlMs: number, reason?: string): Promise<void> {
    return this.change({ op: 'set', kind: 'allow', actor: actorKey(actor), ttlMs, reason });
  }

  remove(actor: ActorRef, kind: EntryKind = 'block'): Promise<void> {
    return this.change({ op: 'del', kind, actor: actorKey(actor) });
  }

  /** Whether a request from this address (and principal) is blocked, from the local mirror. */
  isBlocked(ip: string, principal?: string): boolean {
    return this.mirror.blockReason(ip, principal) !== undefined;
  }

  /** The reason of the block that applies, if any. */
  blockReason(ip: string, principal?: string): string | undefined {
    return this.mirror.blockReason(ip, principal);
  }

  list(): BlockEntry[] {
    return this.mirror.list();
  }

  get size(): number {
    return this.mirror.size;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.commands.disconnect();
    this.subscriber.disconnect();
  }

  private apply(c: Change): void {
    this.mirror.apply(c);
  }

  private async change(c: Change): Promise<void> {
    this.apply(c);
    try {
      await this.write(c);
    } catch {
      this.pending.set(`${c.kind}:${c.actor}`, c);
    }
  }

  private async write(c: Change): Promise<void> {
    const key = `${this.prefix}${c.kind}:${c.actor}`;
    const tx = this.commands.multi();
    if (c.op === 'del') tx.del(key);
    else tx.set(key, c.reason ?? '', 'PX', Math.max(1, Math.round(c.ttlMs ?? 1)));
    tx.publish(this.channel, JSON.stringify(c));
    await tx.exec();
  }

  private async flushPending(): Promise<void> {
    for (const [k, c] of this.pending) {
      await this.write(c);
      this.pending.delete(k);
    }
  }

  /** Reloads every entry from Redis (remaining TTLs, so instance clocks do not matter); pending changes stay. */
  async resync(): Promise<void> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.commands.scan(cursor, 'MATCH', `${this.prefix}*:*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...found.filter((k) => k !== this.channel));
    } while (cursor !== '0');
    const fresh = new Map<string, { until: number; reason?: string }>();
    if (keys.length > 0) {
      const tx = this.commands.pipeline();
      for (const k of keys) tx.pttl(k).get(k);
      const replies = (await tx.exec()) ?? [];
      const now = Date.now();
      keys.forEach((k, i) => {
        const ttl = Number(replies[2 * i]?.[1] ?? -2);
        const reason = replies[2 * i + 1]?.[1];
        if (ttl > 0) fresh.set(k.slice(this.prefix.length), { until: now + ttl, ...(typeof reason === 'string' && reason !== '' ? { reason } : {}) });
      });
    }
    for (const [k, c] of this.pending) if (c.op === 'set') fresh.set(k, { until: Date.now() + (c.ttlMs ?? 0) });
    this.mirror.replace(
      [...fresh].map(([k, e]) => {
        const colon = k.indexOf(':');
        return { kind: k.slice(0, colon) as EntryKind, actor: k.slice(colon + 1), ...e };
      }),
    );
  }
}
