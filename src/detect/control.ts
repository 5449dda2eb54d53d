import type { DetectRuleConfig } from '../config/types.js';
import type { Exchange } from '../exchange/exchange.js';
import type { CheckResult, Control } from '../pipeline/control.js';
import { inspectExchange, resolveOptions } from './engine.js';

export { inspectExchange } from './engine.js';

/** The detection stage as a pipeline control: findings go onto the exchange; a request at or over the threshold is refused. */
export function createDetectControl(cfg: DetectRuleConfig, mode: 'enforce' | 'monitor'): Control {
  const opts = resolveOptions({ threshold: cfg.threshold, paranoia: cfg.paranoia, exclusions: cfg.exclusions });
  return {
    id: 'detect',
    phase: 'body',
    mode,
    check(ex: Exchange): CheckResult {
      const r = inspectExchange(ex, opts);
      if (r.findings.length) ex.findings.push(...r.findings);
      if (!r.attack) return undefined;
      const top = r.findings[0]!;
      return {
        control: 'detect',
        rule: top.rule,
        message: `${top.category} attack detected (score ${r.score} ≥ ${opts.threshold})`,
        location: top.location,
        evidence: top.evidence,
        status: 403,
      };
    },
  };
}
