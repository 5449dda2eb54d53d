import type { Endpoint } from './endpoint.js';

// What an endpoint is for, from its path words and method. Roles drive behaviour rules (login failures, card tests...).

export type EndpointRole =
  | 'login'
  | 'signup'
  | 'password-reset'
  | 'account-change'
  | 'payment'
  | 'cart'
  | 'search'
  | 'list'
  | 'detail'
  | 'admin'
  | 'write'
  | 'other';

export const ENDPOINT_ROLES: readonly EndpointRole[] = ['login', 'signup', 'password-reset', 'account-change', 'payment', 'cart', 'search', 'list', 'detail', 'admin', 'write', 'other'];

const LOGIN = new Set(['login', 'signin', 'sign-in', 'sessions', 'session', 'authenticate', 'token', 'oauth2', 'auth']);
const SIGNUP = new Set(['signup', 'sign-up', 'register', 'registration', 'registrations']);
const RESET = new Set(['password-reset', 'forgot-password', 'reset-password', 'forgot', 'recover', 'password_reset', 'reset']);
const ACCOUNT_CHANGE = new Set(['password', 'email', 'mfa', '2fa', 'phone', 'credentials']);
const PAYMENT = new Set(['payment', 'payments', 'pay', 'charge', 'charges', 'checkout', 'payment-intents', 'card-verification']);
const CART = new Set(['cart', 'carts', 'basket', 'cart-items']);
const SEARCH = new Set(['search', 'find', 'query', 'autocomplete', 'suggest']);

function any(segments: readonly string[], words: Set<string>): boolean {
  for (const s of segments) if (words.has(s)) return true;
  return false;
}

export function roleOf(method: string, ep: Endpoint, hasSearchQuery: boolean): EndpointRole {
  const segs = ep.segments.filter((s) => !s.startsWith('{'));
  const write = method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
  if (any(segs, ACCOUNT_CHANGE) && write && !any(segs, RESET)) return 'account-change';
  if (method === 'POST' && any(segs, LOGIN)) return 'login';
  if (method === 'POST' && any(segs, SIGNUP)) return 'signup';
  if (write && any(segs, RESET)) return 'password-reset';
  if (segs.includes('admin')) return 'admin';
  if (write && any(segs, PAYMENT)) return 'payment';
  if (write && any(segs, CART)) return 'cart';
  if (method === 'GET' && any(segs, SEARCH)) return 'search';
  if (write) return 'write';
  if (method === 'GET') {
    const last = ep.segments[ep.segments.length - 1] ?? '';
    if (last.startsWith('{') || last === 'me') return 'detail';
    return hasSearchQuery ? 'search' : 'list';
  }
  return 'other';
}
