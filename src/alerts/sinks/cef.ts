import type { Alert, Severity } from '../alert.js';

// ArcSight Common Event Format (CEF:0). Header fields escape \ and |; extension values escape \, = and newlines.

const CEF_SEVERITY: Record<Severity, number> = { low: 3, medium: 5, high: 8, critical: 10 };
export const PRODUCT_VERSION = '0.1.0';

function header(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function ext(s: string | number): string {
  return String(s).replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r?\n|\r/g, '\\n');
}

export function toCef(a: Alert): string {
  const fields: [string, string | number | undefined][] = [
    ['rt', a.lastSeen],
    ['start', a.firstSeen],
    ['end', a.lastSeen],
    ['cnt', a.count],
    ['externalId', a.id],
    ['cat', a.type],
    ['act', a.action],
    ['src', a.actor.ip],
    ['suser', a.actor.principal],
    ['requestMethod', a.request?.method],
    ['request', a.request ? `${a.request.scheme}://${a.request.host}${a.request.path}${a.request.query ? `?${a.request.query}` : ''}` : undefined],
    ['requestClientApplication', a.request?.userAgent],
    ['outcome', a.request?.status],
    ['cs1Label', 'route'],
    ['cs1', a.route],
    ['cs2Label', 'parameter'],
    ['cs2', a.parameter],
    ['cs3Label', 'evidence'],
    ['cs3', a.evidence],
    ['cs4Label', 'requestIds'],
    ['cs4', a.requestIds.join(',')],
    ['cs5Label', 'control'],
    ['cs5', a.control],
    ['msg', a.message],
  ];
  const extension = fields
    .filter((f): f is [string, string | number] => f[1] !== undefined && f[1] !== '')
    .map(([k, v]) => `${k}=${ext(v)}`)
    .join(' ');
  return `CEF:0|Vigil|Vigil|${PRODUCT_VERSION}|${header(a.rule)}|${header(a.message)}|${CEF_SEVERITY[a.severity]}|${extension}`;
}
