import type { Exchange, Reason } from '../exchange/exchange.js';

// A control is one small check on the request path (auth, ip, geo, rate limit, limits, schema, detection).
// It reads the exchange and answers with a refusal or nothing; the runner turns refusals into a decision
// according to the control's mode, so every control can run in monitor (would-block) mode.

export type Phase = 'headers' | 'body';

export type Refusal = Omit<Reason, 'mode' | 'control'> & { control?: string };

export type CheckResult = Refusal | undefined;

export interface Control {
  /** Family id: auth, ip, geo, ratelimit, limits, schema, detect. */
  readonly id: string;
  /** headers: runs before the body is read; body: runs once the body (up to the inspection limit) is buffered. */
  readonly phase: Phase;
  readonly mode: 'enforce' | 'monitor';
  check(ex: Exchange): CheckResult | Promise<CheckResult>;
}
