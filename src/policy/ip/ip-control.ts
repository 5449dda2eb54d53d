import type { IpRuleConfig } from '../../config/types.js';
import type { Control } from '../../pipeline/control.js';
import { CidrSet } from '../../net/cidr.js';

/** IP allow/deny lists on the client address resolved through trusted proxies (never the raw header). */
export function createIpControl(rule: IpRuleConfig, mode: 'enforce' | 'monitor'): Control | undefined {
  const deny = new CidrSet(rule.deny ?? []);
  const allow = new CidrSet(rule.allow ?? []);
  if (deny.size === 0 && allow.size === 0) return undefined;
  return {
    id: 'ip',
    phase: 'headers',
    mode,
    check(ex) {
      const ip = ex.client.ip;
      if (deny.has(ip)) return { rule: 'ip.deny', message: 'client address is on the deny list', location: 'client', evidence: ip, status: 403 };
      if (allow.size > 0 && !allow.has(ip))
        return { rule: 'ip.not-allowed', message: 'client address is not on the allow list', location: 'client', evidence: ip, status: 403 };
      return undefined;
    },
  };
}
