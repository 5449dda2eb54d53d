import { TtlMap } from '../behaviour/state/ttl-map.js';
import type { Fields } from './json-fields.js';
import { normaliseName } from './json-fields.js';

// What a write carries that it should not: privilege fields (role, isAdmin, balance...) always, and fields the
// endpoint's writes never carried during its learning period.

const PRIVILEGE_FIELDS = new Set(['role', 'roles', 'isadmin', 'admin', 'issuperuser', 'superuser', 'isstaff', 'permissions', 'scope', 'scopes', 'balance', 'credit', 'credits', 'accountbalance', 'isverified', 'verified', 'emailverified', 'tier', 'plan', 'group', 'groups', 'ownerid', 'tenantid', 'discount', 'price']);

export function privilegeFieldsOf(fields: Fields): string[] {
  const out: string[] = [];
  for (const k of fields.keys()) if (PRIVILEGE_FIELDS.has(normaliseName(k))) out.push(k);
  return out;
}

interface Learned {
  samples: number;
  keys: Set<string>;
}

export class WriteSchemas {
  private readonly schemas: TtlMap<Learned>;

  constructor(
    readonly learnSamples = 20,
    maxEndpoints = 20_000,
  ) {
    this.schemas = new TtlMap(7 * 24 * 3600_000, maxEndpoints);
  }

  /** Learns the endpoint's fields, or after learning returns the fields it never carried before. */
  unknownFields(endpoint: string, fields: readonly string[], now: number): string[] {
    if (fields.length === 0) return [];
    const s = this.schemas.upsert(endpoint, now, () => ({ samples: 0, keys: new Set() }));
    if (s.samples < this.learnSamples) {
      s.samples++;
      for (const k of fields) if (s.keys.size < 200) s.keys.add(k);
      return [];
    }
    const out: string[] = [];
    for (const k of fields) if (!s.keys.has(k)) out.push(k);
    return out;
  }
}
