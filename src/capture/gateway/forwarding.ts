import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization', 'http2-settings']);
/** Answered here (Node sends 100 Continue itself), so never passed on. */
const answeredHere = 'expect';

export interface ForwardContext {
  requestId: string;
  peerIp: string;
  /** The TCP peer is a trusted proxy: its forwarding headers are kept and extended. */
  peerTrusted: boolean;
  scheme: 'http' | 'https';
  host: string;
  /** Body length when known (buffered bodies). */
  contentLength?: number;
}

function forwardedFor(ip: string): string {
  return isIP(ip) === 6 ? `"[${ip}]"` : ip;
}

/**
 * Headers for the upstream request: hop-by-hop headers removed, forwarding headers set. From an untrusted peer
 * any X-Forwarded-* or Forwarded it sent is dropped, so the origin never sees a client-written address.
 */
export type RequestHeaders = Record<string, string | string[]>;

export function upstreamHeaders(incoming: IncomingHttpHeaders, f: ForwardContext): RequestHeaders {
  const out: RequestHeaders = {};
  const connectionTokens = incoming.connection ? incoming.connection.toLowerCase().split(',').map((s) => s.trim()) : [];
  for (const name in incoming) {
    if (hopByHop.has(name) || name === answeredHere) continue;
    if (connectionTokens.length && connectionTokens.includes(name)) continue;
    if (!f.peerTrusted && (name.startsWith('x-forwarded-') || name === 'forwarded' || name === 'x-real-ip')) continue;
    const value = incoming[name];
    if (value !== undefined) out[name] = value;
  }
  const priorXff = f.peerTrusted ? incoming['x-forwarded-for'] : undefined;
  out['x-forwarded-for'] = priorXff ? `${priorXff}, ${f.peerIp}` : f.peerIp;
  const priorFwd = f.peerTrusted ? incoming.forwarded : undefined;
  const element = `for=${forwardedFor(f.peerIp)};proto=${f.scheme};host="${f.host.replace(/["\\]/g, '')}"`;
  out.forwarded = priorFwd ? `${priorFwd}, ${element}` : element;
  if (!f.peerTrusted || !incoming['x-forwarded-proto']) out['x-forwarded-proto'] = f.scheme;
  if (!f.peerTrusted || !incoming['x-forwarded-host']) out['x-forwarded-host'] = f.host;
  out['x-request-id'] = f.requestId;
  if (f.contentLength !== undefined) out['content-length'] = String(f.contentLength);
  return out;
}

/** Response headers to send downstream: hop-by-hop headers removed. */
export function downstreamHeaders(incoming: IncomingHttpHeaders, requestId: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name in incoming) if (!hopByHop.has(name)) out[name] = incoming[name];
  out['x-request-id'] = requestId;
  return out;
}
