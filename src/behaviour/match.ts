import type { ExchangeContext } from '../context/context.js';
import type { KeyField, MatchSpec } from './rule.js';

// Evaluates match conditions and grouping fields against an exchange's context.

function endpointMatches(patterns: string[], endpoint: string): boolean {
  for (const p of patterns) {
    if (p.endsWith('*') ? endpoint.startsWith(p.slice(0, -1)) : endpoint === p) return true;
  }
  return false;
}

function inRanges(ranges: [number, number][], status: number): boolean {
  for (const [lo, hi] of ranges) if (status >= lo && status <= hi) return true;
  return false;
}

export function matches(m: MatchSpec, c: ExchangeContext): boolean {
  if (m.role && !m.role.includes(c.role)) return false;
  if (m.method && !m.method.includes(c.method)) return false;
  if (m.status && !inRanges(m.status, c.status)) return false;
  if (m.outcome && (c.outcome === undefined || !m.outcome.includes(c.outcome))) return false;
  if (m.endpoint && !endpointMatches(m.endpoint, c.endpoint)) return false;
  if (m.hasFinding !== undefined && m.hasFinding !== c.findings.length > 0) return false;
  if (m.signatureAttack !== undefined && m.signatureAttack !== c.signatureAttack) return false;
  if (m.foreignObject !== undefined && m.foreignObject !== c.foreignObjects.length > 0) return false;
  if (m.hasObject !== undefined && m.hasObject !== c.objects.length > 0) return false;
  if (m.nonBrowser !== undefined && m.nonBrowser !== c.nonBrowser) return false;
  if (m.authenticated !== undefined && m.authenticated !== (c.principal !== undefined)) return false;
  if (m.privilegeFields !== undefined && m.privilegeFields !== c.privilegeFields.length > 0) return false;
  if (m.unknownFields !== undefined && m.unknownFields !== c.unknownFields.length > 0) return false;
  if (m.hasPage !== undefined && m.hasPage !== (c.page !== undefined)) return false;
  if (m.anomalyScoreMin !== undefined && c.anomalyScore < m.anomalyScoreMin) return false;
  if (m.amountMax !== undefined && (c.amount === undefined || c.amount > m.amountMax)) return false;
  return true;
}

function ip24(ip: string): string {
  const dot = ip.lastIndexOf('.');
  if (dot > 0 && ip.indexOf(':') < 0) return ip.slice(0, dot);
  const parts = ip.split(':');
  return parts.slice(0, 4).join(':');
}

/** The value of a grouping field; undefined when the exchange has none (the rule then skips it). */
export function fieldValue(c: ExchangeContext, f: KeyField): string | undefined {
  switch (f) {
    case 'ip':
      return c.ip;
    case 'ip24':
      return ip24(c.ip);
    case 'principal':
      return c.principal;
    case 'fingerprint':
      return c.fingerprint;
    case 'account':
      return c.account;
    case 'endpoint':
      return c.endpoint;
    case 'owner':
      return c.owners[0];
    case 'actor':
      return c.principal ?? `ip:${c.ip}`;
    case 'card':
      return c.card;
    case 'object':
      return c.objects[0]?.key;
    case 'page':
      return c.page;
    case 'response_shape':
      return c.responseShape;
    case 'role':
      return c.role;
  }
}

export function groupKey(c: ExchangeContext, fields: readonly KeyField[]): string | undefined {
  if (fields.length === 1) return fieldValue(c, fields[0]!);
  let key = '';
  for (const f of fields) {
    const v = fieldValue(c, f);
    if (v === undefined) return undefined;
    key += key ? `|${v}` : v;
  }
  return key;
}
