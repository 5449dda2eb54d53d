import { TtlMap } from '../behaviour/state/ttl-map.js';
import type { JsonValue } from '../exchange/body.js';
import type { Endpoint } from './endpoint.js';
import { asObject, scalarText } from './json-fields.js';
import type { ObjectRef } from './objects.js';

// Who owns an object, learned from traffic: the principal whose write created it (a 2xx POST answering an id),
// or who was served it on a "me" endpoint or in a list of a type principals create. An object served to two
// principals in lists is shared and never counts as someone else's.

const SHARED = '*';
const DAY = 24 * 3600_000;

export class OwnershipMap {
  private readonly owners: TtlMap<string>;
  /** Object types some principal has created: only these are learned from lists. */
  private readonly ownedTypes = new Set<string>();

  constructor(maxObjects = 2_000_000, ttlMs = 30 * DAY) {
    this.owners = new TtlMap(ttlMs, maxObjects);
  }

  get size(): number {
    return this.owners.size;
  }

  ownerOf(o: ObjectRef, now: number): string | undefined {
    const owner = this.owners.get(o.key, now);
    return owner === SHARED ? undefined : owner;
  }

  claim(type: string, id: string, principal: string, now: number, created: boolean): void {
    const key = `${type}:${id}`;
    const prev = this.owners.peek(key);
    if (created) {
      this.ownedTypes.add(type);
      this.owners.set(key, principal, now);
    } else if (prev === undefined) this.owners.set(key, principal, now);
    else if (prev !== principal && prev !== SHARED) this.owners.set(key, SHARED, now);
  }

  /** Learns from one exchange's response. `createdType` is the resource a POST created, when it did. */
  learn(principal: string, ep: Endpoint, method: string, status: number, body: JsonValue | undefined, now: number): void {
    if (status < 200 || status >= 300 || body === undefined) return;
    const type = resourceType(ep);
    const obj = asObject(body);
    if (method === 'POST' && obj) {
      const id = scalarText(obj.id);
      if (id) this.claim(type, id, principal, now, true);
      return;
    }
    if (method !== 'GET') return;
    if (obj && ep.segments[ep.segments.length - 1] === 'me') {
      const id = scalarText(obj.id);
      if (id) this.claim(type, id, principal, now, true);
      return;
    }
    const items = Array.isArray(body) ? body : obj && Array.isArray(obj.items) ? obj.items : obj && Array.isArray(obj.data) ? obj.data : undefined;
    if (!items || !this.ownedTypes.has(type)) return;
    for (const it of items.slice(0, 200)) {
      const id = scalarText(asObject(it)?.id);
      if (id) this.claim(type, id, principal, now, false);
    }
  }
}

const CREATES_USER = new Set(['signup', 'sign-up', 'register', 'registration', 'registrations']);

/** The resource an endpoint's collection holds: /orders → order, /users/me → user, /signup → user. */
export function resourceType(ep: Endpoint): string {
  const statics = ep.segments.filter((s) => !s.startsWith('{') && s !== 'me');
  const last = statics[statics.length - 1] ?? 'object';
  if (CREATES_USER.has(last)) return 'user';
  return last.endsWith('s') && last.length > 3 ? last.slice(0, -1) : last;
}
