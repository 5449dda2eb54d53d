import type { VigilConfig } from '../config/types.js';

// The effective policy as the admin API shows it: every value under a secret-looking key is hidden, whatever the
// section (JWT secrets, sink tokens, API key hashes, admin token digests, database URLs with passwords).

const SECRET_KEY = /secret|token|password|passwd|sha256|hash|private|credential|api_?key|^key$|hmac/i;
const HIDDEN = '[hidden]';
/** Keys whose values are names or paths, not secrets, though their names look like it. */
const SAFE_KEYS = new Set(['jwks_url', 'tokens']);

function hide(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((v) => hide(v, key));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && !SAFE_KEYS.has(k) && (v === null || typeof v !== 'object') ? HIDDEN : hide(v, k);
    return out;
  }
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/@]*@/i.test(value)) return HIDDEN;
  return value;
}

export function policyView(cfg: VigilConfig): Record<string, unknown> {
  const { admin, ...rest } = cfg;
  const shown = hide(rest, '') as Record<string, unknown>;
  // admin tokens: names and roles only, never their digests
  shown.admin = admin ? { address: admin.address, tokens: (admin.tokens ?? []).map((t) => ({ name: t.name, role: t.role })) } : undefined;
  return shown;
}
