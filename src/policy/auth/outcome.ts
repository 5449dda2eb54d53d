import type { Exchange, Principal } from '../../exchange/exchange.js';
import type { Refusal } from '../../pipeline/control.js';

/** What one credential check concludes: a verified principal, or a refusal saying why not. */
export type AuthOutcome =
  | { ok: true; /** Absent when an optional credential was not presented. */ principal?: Principal }
  | { ok: false; refusal: Refusal; /** A credential was presented (and was wrong), as opposed to absent. */ presented: boolean };

export type MaybePromise<T> = T | Promise<T>;

/** A credential check that answers synchronously whenever it can (cache hits, API keys). */
export type AuthCheck = (ex: Exchange) => MaybePromise<AuthOutcome>;

export function refuse(rule: string, message: string, location: string | undefined, presented: boolean): AuthOutcome {
  return { ok: false, presented, refusal: { rule, message, status: 401, ...(location ? { location } : {}) } };
}
