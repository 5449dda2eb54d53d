import { isIP } from 'node:net';
import type { RuntimeBlocks } from '../policy/blocks/runtime-blocks.js';
import type { ActorRef, EntryKind } from '../policy/blocks/actor-mirror.js';
import type { AdminRoute } from './admin-server.js';
import type { AuditLog } from './audit-log.js';
import { badRequest } from './http-error.js';

const maxTtlS = 30 * 86400;

function actorFrom(o: Record<string, unknown>): ActorRef {
  if (typeof o.ip === 'string') {
    if (isIP(o.ip) === 0) throw badRequest('ip is not an IP address');
    return { ip: o.ip };
  }
  if (typeof o.principal === 'string' && o.principal.length > 0 && o.principal.length <= 256) return { principal: o.principal };
  throw badRequest('give an ip or a principal');
}

function kindFrom(v: unknown): EntryKind {
  if (v === undefined || v === 'block') return 'block';
  if (v === 'allow') return 'allow';
  throw badRequest('kind must be block or allow');
}

/** Runtime blocks and allows with a TTL: GET lists them (viewer), POST and DELETE change them (admin). */
export function blocksRoutes(blocks: RuntimeBlocks, audit: AuditLog): AdminRoute[] {
  return [
    { method: 'GET', path: '/api/blocks', role: 'viewer', handle: () => [200, { items: blocks.list() }] },
    {
      method: 'POST',
      path: '/api/blocks',
      role: 'admin',
      async handle({ caller, body }) {
        if (typeof body !== 'object' || body === null) throw badRequest('expected a JSON object');
        const o = body as Record<string, unknown>;
        const actor = actorFrom(o);
        const kind = kindFrom(o.kind);
        const ttl = o.ttl_s;
        if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > maxTtlS) throw badRequest(`ttl_s must be a whole number of seconds from 1 to ${maxTtlS}`);
        const reason = typeof o.reason === 'string' ? o.reason.slice(0, 200) : undefined;
        await (kind === 'block' ? blocks.block(actor, ttl * 1000, reason) : blocks.allow(actor, ttl * 1000, reason));
        audit.record(caller, `${kind}s.add`, 'ip' in actor ? `ip:${actor.ip}` : `principal:${actor.principal}`, { ttl_s: ttl, reason });
        return [201, { kind, ...actor, ttl_s: ttl, reason }];
      },
    },
    {
      method: 'DELETE',
      path: '/api/blocks',
      role: 'admin',
      async handle({ caller, url }) {
        const o = Object.fromEntries(url.searchParams);
        const actor = actorFrom(o);
        const kind = kindFrom(o.kind);
        await blocks.remove(actor, kind);
        audit.record(caller, `${kind}s.remove`, 'ip' in actor ? `ip:${actor.ip}` : `principal:${actor.principal}`);
        return [200, { removed: true }];
      },
    },
  ];
}
