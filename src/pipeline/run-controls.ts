import type { Exchange } from '../exchange/exchange.js';
import type { CheckResult, Control } from './control.js';

/**
 * Runs controls in order and records their refusals on the exchange's decision.
 * Synchronous controls stay synchronous (no promise on the hot path); the first enforced refusal stops the run.
 * With `observeOnly` (out-of-band capture) nothing is enforced: every refusal becomes would-block.
 */
export function runControls(ex: Exchange, controls: readonly Control[], observeOnly = false, from = 0): void | Promise<void> {
  for (let i = from; i < controls.length; i++) {
    const control = controls[i]!;
    let result: CheckResult | Promise<CheckResult>;
    try {
      result = control.check(ex);
    } catch (e) {
      result = failClosed(control, e);
    }
    if (result instanceof Promise) {
      return result
        .catch((e: unknown) => failClosed(control, e))
        .then((r) => (apply(ex, control, r, observeOnly) ? undefined : runControls(ex, controls, observeOnly, i + 1)));
    }
    if (apply(ex, control, result, observeOnly)) return;
  }
}

/** A control that throws refuses: a broken check must not silently let traffic through. */
function failClosed(control: Control, e: unknown): CheckResult {
  return { rule: 'internal-error', message: `${control.id} check failed: ${(e as Error).message ?? e}`, status: 500 };
}

/** Returns true when the exchange is now blocked. */
function apply(ex: Exchange, control: Control, r: CheckResult, observeOnly: boolean): boolean {
  if (!r) return false;
  const mode = observeOnly ? 'monitor' : control.mode;
  ex.decision.reasons.push({ ...r, control: r.control ?? control.id, mode });
  if (mode === 'enforce') {
    ex.decision.action = 'block';
    ex.decision.status = r.status;
    return true;
  }
  if (ex.decision.action === 'allow') ex.decision.action = 'would-block';
  return false;
}
