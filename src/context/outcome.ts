import type { Exchange } from '../exchange/exchange.js';
import type { EndpointRole } from './role.js';

// Whether an attempt (login, signup, reset, payment) worked, from the status and a look at the body.

export type Outcome = 'success' | 'failure' | 'throttled' | 'error';

const FAILURE_WORDS = ['"error"', 'invalid', 'incorrect', 'declined', '"success":false', 'not found', 'failed'];

export function outcomeOf(ex: Exchange, role: EndpointRole): Outcome | undefined {
  const res = ex.response;
  if (!res) return undefined;
  const s = res.status;
  if (s === 429) return 'throttled';
  if (s >= 500) return 'error';
  if (s >= 400) return 'failure';
  if (s >= 300) return role === 'login' ? 'success' : undefined;
  if (role === 'login' || role === 'payment') {
    const body = res.body;
    if (body && body.length > 0 && body.length < 4096) {
      const text = body.toString('latin1').toLowerCase();
      for (const w of FAILURE_WORDS) if (text.includes(w)) return 'failure';
    }
  }
  return 'success';
}
