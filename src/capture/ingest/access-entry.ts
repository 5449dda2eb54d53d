import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { CaptureSource, Exchange, Headers } from '../../exchange/exchange.js';
import { newDecision } from '../../exchange/exchange.js';
import type { ClientIpResolver } from '../../net/client-ip.js';
import { normaliseIp } from '../../net/cidr.js';

/** One access-log record, validated and in one shape whatever the log format. */
export interface AccessEntry {
  /** Epoch ms when the request started. */
  time: number;
  requestId?: string;
  /** The TCP peer that the proxy saw. */
  peerIp: string;
  forwardedFor?: string;
  method: string;
  /** The request target as sent (path and query). */
  target: string;
  host: string;
  scheme: 'http' | 'https';
  httpVersion: string;
  status: number;
  requestBytes?: number;
  responseBytes?: number;
  durationMs?: number;
  upstreamMs?: number;
  userAgent?: string;
  referer?: string;
  contentType?: string;
}

export type ParseResult = { ok: true; entry: AccessEntry } | { ok: false; problem: string };

/**
 * A stable id for a record without a request id: the same line of the same log always gets the same id, so that
 * ingesting a file twice (or after a rotation rename) records each exchange once.
 */
export function derivedId(time: number, line: string, lineNo: number): string {
  const h = createHash('sha1').update(`${lineNo}\n${line}`).digest('hex').slice(0, 16);
  return Math.max(0, time).toString(36).padStart(9, '0') + h;
}

export function accessEntryToExchange(e: AccessEntry, id: string, source: CaptureSource, clientIp: ClientIpResolver): Exchange {
  const headers: Headers = { host: e.host };
  if (e.userAgent) headers['user-agent'] = e.userAgent;
  if (e.referer) headers.referer = e.referer;
  if (e.contentType) headers['content-type'] = e.contentType;
  if (e.forwardedFor) headers['x-forwarded-for'] = e.forwardedFor;
  const q = e.target.indexOf('?');
  const client = clientIp.resolve(e.peerIp, headers);
  return {
    id,
    source,
    client: { ip: client.ip, peerIp: normaliseIp(e.peerIp), forwardedFor: client.forwardedFor },
    request: {
      method: e.method,
      url: e.target,
      path: q < 0 ? e.target : e.target.slice(0, q),
      query: q < 0 ? '' : e.target.slice(q + 1),
      host: e.host,
      scheme: e.scheme,
      httpVersion: e.httpVersion,
      headers,
      bodySize: e.requestBytes ?? 0,
      bodyTruncated: (e.requestBytes ?? 0) > 0,
    },
    response: { status: e.status, headers: {}, bodySize: e.responseBytes ?? 0 },
    route: { params: {} },
    findings: [],
    decision: newDecision(),
    timings: { start: e.time, total: e.durationMs, upstream: e.upstreamMs },
  };
}

// Field checks shared by the parsers: each says what is wrong, in words a log owner understands.

const METHOD = /^[A-Z][A-Z0-9_-]{0,31}$/;

export function checkMethod(v: string): string | undefined {
  return METHOD.test(v) ? undefined : `"${v.slice(0, 40)}" is not an HTTP method`;
}

export function checkTarget(v: string): string | undefined {
  if (!v.startsWith('/') && v !== '*' && !/^https?:\/\//i.test(v)) return `request target "${v.slice(0, 60)}" is not a path`;
  return undefined;
}

/** An absolute-form target (http://host/path) becomes origin-form, and its host wins. */
export function originForm(target: string, host: string): { target: string; host: string } {
  const m = /^https?:\/\/([^/?#]*)/i.exec(target);
  if (!m) return { target, host };
  const rest = target.slice(m[0].length);
  return { target: rest.startsWith('/') ? rest : `/${rest}`, host: m[1] || host };
}

export function checkIp(v: string): string | undefined {
  return isIP(normaliseIp(v)) ? undefined : `"${v.slice(0, 60)}" is not an IP address`;
}

export function checkStatus(v: number): string | undefined {
  return Number.isInteger(v) && v >= 100 && v <= 599 ? undefined : `status ${v} is not an HTTP status`;
}

/** A number from a JSON log field that may be a number, a numeric string, "-" or empty (absent). */
/** One JSON log line as an object, or why it is not one. */
export function parseJsonObject(line: string): { ok: true; o: Record<string, unknown> } | { ok: false; problem: string } {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return { ok: false, problem: `not JSON (${(e as Error).message})` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, problem: 'not a JSON object' };
  return { ok: true, o: v as Record<string, unknown> };
}

export function numberField(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v === '' || v === '-') return undefined;
  // nginx logs "0.004, 0.010" when several upstreams were tried: take the last
  const last = v.includes(',') ? v.slice(v.lastIndexOf(',') + 1).trim() : v;
  const n = Number(last);
  return Number.isFinite(n) ? n : undefined;
}

export function stringField(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '' || v === '-') return undefined;
  return v;
}
