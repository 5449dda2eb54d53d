import { normaliseIp } from '../../net/cidr.js';

// Runtime blocks and allows of actors (a client address or a principal), each with an expiry: the in-memory view
// every gateway process answers from, synchronously. Who feeds it (this process, the cluster primary over IPC,
// Redis pub/sub) is the concern of the RuntimeBlocks implementation around it.

export type ActorRef = { ip: string } | { principal: string };
export type EntryKind = 'block' | 'allow';

/** One change to the set of entries, as it travels between processes. */
export interface BlockChange {
  op: 'set' | 'del';
  kind: EntryKind;
  /** `ip:ADDRESS` or `principal:ID`. */
  actor: string;
  ttlMs?: number;
  reason?: string;
}

export interface BlockEntry {
  kind: EntryKind;
  actor: string;
  /** Epoch ms when it lapses. */
  until: number;
  reason?: string;
}

export function actorKey(a: ActorRef): string {
  return 'ip' in a ? `ip:${normaliseIp(a.ip)}` : `principal:${a.principal}`;
}

export class ActorMirror {
  private readonly entries = new Map<string, { until: number; reason?: string }>();

  apply(c: BlockChange, now = Date.now()): void {
    const key = `${c.kind}:${c.actor}`;
    if (c.op === 'del') this.entries.delete(key);
    else this.entries.set(key, { until: now + (c.ttlMs ?? 0), ...(c.reason !== undefined ? { reason: c.reason } : {}) });
  }

  /** Replaces every entry (a full reload). */
  replace(entries: Iterable<BlockEntry>): void {
    this.entries.clear();
    for (const e of entries) this.entries.set(`${e.kind}:${e.actor}`, { until: e.until, ...(e.reason !== undefined ? { reason: e.reason } : {}) });
  }

  /** The reason of the block that applies to this address or principal, unless an allow exempts them. */
  blockReason(ip: string, principal?: string): string | undefined {
    if (this.entries.size === 0) return undefined;
    const ipActor = `ip:${normaliseIp(ip)}`;
    const principalActor = principal === undefined ? undefined : `principal:${principal}`;
    if (this.live(`allow:${ipActor}`) || (principalActor && this.live(`allow:${principalActor}`))) return undefined;
    const e = this.live(`block:${ipActor}`) ?? (principalActor ? this.live(`block:${principalActor}`) : undefined);
    return e ? (e.reason ?? 'blocked') : undefined;
  }

  list(now = Date.now()): BlockEntry[] {
    const out: BlockEntry[] = [];
    for (const [key, e] of this.entries) {
      if (e.until <= now) continue;
      const colon = key.indexOf(':');
      out.push({ kind: key.slice(0, colon) as EntryKind, actor: key.slice(colon + 1), until: e.until, ...(e.reason !== undefined ? { reason: e.reason } : {}) });
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }

  private live(key: string): { until: number; reason?: string } | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
}
