import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AdminToken } from '../config/types.js';

export type Role = 'viewer' | 'admin';

export interface Caller {
  name: string;
  role: Role;
}

/**
 * Bearer tokens for the admin API, kept as SHA-256 digests: the presented token is hashed and looked up, so no
 * secret is held in memory or compared character by character.
 */
export class AdminAuth {
  private readonly byDigest = new Map<string, Caller>();

  constructor(tokens: readonly AdminToken[] = []) {
    for (const t of tokens) this.byDigest.set(t.sha256, { name: t.name, role: t.role });
  }

  get configured(): boolean {
    return this.byDigest.size > 0;
  }

  caller(req: IncomingMessage): Caller | undefined {
    const header = req.headers.authorization;
    if (!header || !header.startsWith('Bearer ')) return undefined;
    return this.callerForToken(header.slice(7).trim());
  }

  /** The caller a raw token belongs to (the live stream takes it as ?token=, as EventSource sends no headers). */
  callerForToken(token: string): Caller | undefined {
    if (token === '') return undefined;
    return this.byDigest.get(createHash('sha256').update(token).digest('hex'));
  }
}

export function allows(caller: Caller, needed: Role): boolean {
  return needed === 'viewer' || caller.role === 'admin';
}
