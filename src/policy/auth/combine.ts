import type { Exchange } from '../../exchange/exchange.js';
import type { AuthCheck, AuthOutcome, MaybePromise } from './outcome.js';

/** Applies `next` to a value that may or may not be a promise, staying synchronous when it is not. */
export function andThen<T, U>(value: MaybePromise<T>, next: (v: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Every check must pass; the first principal found names the caller. */
export function allOf(checks: readonly AuthCheck[]): AuthCheck {
  if (checks.length === 1) return checks[0]!;
  return (ex) => {
    const step = (i: number, first: AuthOutcome | undefined): MaybePromise<AuthOutcome> => {
      if (i === checks.length) return first!;
      return andThen(checks[i]!(ex), (o) => (o.ok ? step(i + 1, first?.ok && first.principal ? first : o) : o));
    };
    return step(0, undefined);
  };
}

/**
 * The first passing alternative wins. When all fail, the refusal reported is the first one about a credential
 * that was presented (a wrong token says more than a missing API key), else the first.
 */
export function anyOf(checks: readonly AuthCheck[]): AuthCheck {
  if (checks.length === 1) return checks[0]!;
  return (ex: Exchange) => {
    const step = (i: number, best: AuthOutcome | undefined): MaybePromise<AuthOutcome> => {
      if (i === checks.length) return best!;
      return andThen(checks[i]!(ex), (o) => {
        if (o.ok) return o;
        const better = !best || (!best.ok && !best.presented && o.presented) ? o : best;
        return step(i + 1, better);
      });
    };
    return step(0, undefined);
  };
}
