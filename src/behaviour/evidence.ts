import type { ExchangeContext } from '../context/context.js';

// One piece of evidence: an exchange that counted towards an alert, with who sent it.

export interface Evidence {
  seq: number;
  requestId: string;
  time: number;
  ip: string;
  principal?: string;
  fingerprint: string;
}

export function evidenceOf(c: ExchangeContext): Evidence {
  return { seq: c.seq, requestId: c.requestId, time: c.time, ip: c.ip, principal: c.principal, fingerprint: c.fingerprint };
}

/** Keeps the most recent `cap` items. */
export function pushRecent(list: Evidence[], e: Evidence, cap: number): void {
  if (list.length >= cap) list.shift();
  list.push(e);
}
