import { isIP } from 'node:net';
import type { Headers } from '../exchange/exchange.js';
import { CidrSet, normaliseIp } from './cidr.js';

export type ClientIpHeader = 'x-forwarded-for' | 'forwarded' | 'x-real-ip';

export interface ClientAddress {
  ip: string;
  forwardedFor: string[];
}

/**
 * Finds the client's address without trusting what a client can write.
 * Forwarding headers are read right to left, and only while each hop is a trusted proxy: the first untrusted
 * address is the client. A client that sends its own X-Forwarded-For only prepends entries we never reach.
 */
export class ClientIpResolver {
  private readonly trusted: CidrSet;

  constructor(
    trustedProxies: readonly string[],
    private readonly headerOrder: readonly ClientIpHeader[],
  ) {
    this.trusted = new CidrSet(trustedProxies);
  }

  trusts(ip: string): boolean {
    return this.trusted.has(ip);
  }

  resolve(peer: string, headers: Headers): ClientAddress {
    const peerIp = normaliseIp(peer);
    if (this.trusted.size === 0 || !this.trusted.has(peerIp)) return { ip: peerIp, forwardedFor: [] };
    for (const name of this.headerOrder) {
      const chain = readChain(name, headers);
      if (chain.length === 0) continue;
      let client = peerIp;
      for (let i = chain.length - 1; i >= 0; i--) {
        const hop = chain[i]!;
        if (isIP(hop) === 0) break; // garbage or an obfuscated identifier: stop at the last trusted hop
        client = hop;
        if (!this.trusted.has(hop)) break;
      }
      return { ip: client, forwardedFor: chain };
    }
    return { ip: peerIp, forwardedFor: [] };
  }
}

function values(headers: Headers, name: string): string[] {
  const v = headers[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function readChain(name: ClientIpHeader, headers: Headers): string[] {
  if (name === 'x-real-ip') return values(headers, name).slice(-1).map((v) => normaliseIp(v.trim()));
  if (name === 'x-forwarded-for')
    return values(headers, name)
      .join(',')
      .split(',')
      .map((s) => normaliseIp(s.trim()))
      .filter(Boolean);
  // RFC 7239: Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"
  const out: string[] = [];
  for (const element of values(headers, 'forwarded').join(',').split(',')) {
    for (const pair of element.split(';')) {
      const eq = pair.indexOf('=');
      if (eq < 0 || pair.slice(0, eq).trim().toLowerCase() !== 'for') continue;
      out.push(forwardedNode(pair.slice(eq + 1).trim()));
    }
  }
  return out;
}

function forwardedNode(v: string): string {
  let s = v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    return end > 0 ? normaliseIp(s.slice(1, end)) : s;
  }
  const colon = s.indexOf(':');
  if (colon > 0 && s.indexOf(':', colon + 1) < 0) s = s.slice(0, colon); // IPv4 with a port
  return normaliseIp(s);
}
