import { ActorMirror, actorKey, type ActorRef, type BlockChange, type BlockEntry, type EntryKind } from './actor-mirror.js';

/**
 * Runtime blocks and allows with a TTL, set by responders (admin API, dashboard) or by incidents, and enforced by
 * every gateway process. Answers are synchronous, from a local mirror.
 */
export interface RuntimeBlocks {
  block(actor: ActorRef, ttlMs: number, reason?: string): Promise<void>;
  /** A temporary exemption: an allowed actor is never blocked by an entry here while it lasts. */
  allow(actor: ActorRef, ttlMs: number, reason?: string): Promise<void>;
  remove(actor: ActorRef, kind?: EntryKind): Promise<void>;
  blockReason(ip: string, principal?: string): string | undefined;
  list(): BlockEntry[];
}

/**
 * Blocks held in this process. `onChange` carries each change elsewhere (the cluster primary broadcasts it to its
 * workers, which apply it with `apply`).
 */
export class LocalBlocks implements RuntimeBlocks {
  private readonly mirror = new ActorMirror();

  constructor(private readonly onChange?: (c: BlockChange) => void) {}

  block(actor: ActorRef, ttlMs: number, reason?: string): Promise<void> {
    return this.change({ op: 'set', kind: 'block', actor: actorKey(actor), ttlMs, reason });
  }

  allow(actor: ActorRef, ttlMs: number, reason?: string): Promise<void> {
    return this.change({ op: 'set', kind: 'allow', actor: actorKey(actor), ttlMs, reason });
  }

  remove(actor: ActorRef, kind: EntryKind = 'block'): Promise<void> {
    return this.change({ op: 'del', kind, actor: actorKey(actor) });
  }

  blockReason(ip: string, principal?: string): string | undefined {
    return this.mirror.blockReason(ip, principal);
  }

  list(): BlockEntry[] {
    return this.mirror.list();
  }

  /** Applies a change made elsewhere (no onChange). */
  apply(c: BlockChange): void {
    this.mirror.apply(c);
  }

  /** Loads a snapshot taken with list() elsewhere. */
  load(entries: BlockEntry[]): void {
    this.mirror.replace(entries);
  }

  private change(c: BlockChange): Promise<void> {
    this.mirror.apply(c);
    this.onChange?.(c);
    return Promise.resolve();
  }
}
