import type { Alert, Severity } from '../alert.js';
import { PRODUCT_VERSION } from './cef.js';

// IBM QRadar Log Event Extended Format, LEEF:2.0 with the tab delimiter. Values lose tabs and line breaks
// (the delimiter cannot be escaped in LEEF); the header escapes |.

const LEEF_SEVERITY: Record<Severity, number> = { low: 3, medium: 5, high: 8, critical: 10 };

function value(v: string | number): string {
  return String(v).replace(/[\t\r\n]+/g, ' ');
}

export function toLeef(a: Alert): string {
  const attrs: [string, string | number | undefined][] = [
    ['devTime', a.lastSeen],
    ['devTimeFormat', 'epoch'],
    ['cat', a.type],
    ['sev', LEEF_SEVERITY[a.severity]],
    ['src', a.actor.ip],
    ['usrName', a.actor.principal],
    ['action', a.action],
    ['url', a.request ? `${a.request.path}${a.request.query ? `?${a.request.query}` : ''}` : undefined],
    ['method', a.request?.method],
    ['httpStatus', a.request?.status],
    ['userAgent', a.request?.userAgent],
    ['route', a.route],
    ['parameter', a.parameter],
    ['evidence', a.evidence],
    ['rule', a.rule],
    ['control', a.control],
    ['count', a.count],
    ['firstSeen', a.firstSeen],
    ['alertId', a.id],
    ['requestIds', a.requestIds.join(',')],
    ['msg', a.message],
  ];
  const body = attrs
    .filter((f): f is [string, string | number] => f[1] !== undefined && f[1] !== '')
    .map(([k, v]) => `${k}=${value(v)}`)
    .join('\t');
  return `LEEF:2.0|Vigil|Vigil|${PRODUCT_VERSION}|${a.rule.replace(/\|/g, '\\|')}|x09|${body}`;
}
