import type { Action, Finding, Reason } from '../exchange/exchange.js';
import type { Severity } from './alert.js';

// What kind of alert a reason or finding raises, and how severe it is.

/** detect.sqli → sqli, detect + rule sqli.union → sqli, auth.jwt → auth, ratelimit → ratelimit, protocol.desync → protocol. */
export function alertType(control: string, rule = ''): string {
  if (control.startsWith('detect.')) return control.slice(7) || 'detect';
  if (control === 'detect') return rule.includes('.') ? rule.slice(0, rule.indexOf('.')) : 'detect';
  const dot = control.indexOf('.');
  return dot < 0 ? control : control.slice(0, dot);
}

const REASON_SEVERITY: Record<string, Severity> = {
  detect: 'high',
  protocol: 'medium',
  auth: 'medium',
  schema: 'low',
  limits: 'low',
  ratelimit: 'low',
  ip: 'medium',
  geo: 'low',
  route: 'low',
};

export function reasonSeverity(r: Reason, action: Action): Severity {
  const family = r.control.split('.', 1)[0]!;
  const base = REASON_SEVERITY[family] ?? 'medium';
  // an attack that went through (monitor mode) is worse than one that was stopped
  if (family === 'detect' && action === 'would-block') return 'critical';
  return base;
}

export function findingSeverity(f: Finding): Severity {
  return f.severity;
}
