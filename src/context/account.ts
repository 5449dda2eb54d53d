import type { Exchange } from '../exchange/exchange.js';
import type { Fields } from './json-fields.js';
import { pick, scalarText } from './json-fields.js';
import type { EndpointRole } from './role.js';

// The account an attempt is about: the username or email in login, signup and reset bodies.

const ACCOUNT_FIELDS = new Set(['username', 'user', 'login', 'email', 'emailaddress', 'account', 'phone', 'identifier', 'userid']);
const CREDENTIAL_ROLES = new Set<EndpointRole>(['login', 'signup', 'password-reset']);

export function isCredentialRole(role: EndpointRole): boolean {
  return CREDENTIAL_ROLES.has(role);
}

export function accountNameOf(_ex: Exchange, role: EndpointRole, fields: Fields): string | undefined {
  if (!CREDENTIAL_ROLES.has(role)) return undefined;
  const v = scalarText(pick(fields, ACCOUNT_FIELDS));
  if (!v) return undefined;
  const t = v.trim().toLowerCase();
  return t.length > 0 && t.length <= 256 ? t : undefined;
}
