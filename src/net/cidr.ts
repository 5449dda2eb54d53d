import { BlockList, isIP } from 'node:net';

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** `10.0.0.0/8`, `2001:db8::/32` or a single address; undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = normaliseIp(slash < 0 ? text.trim() : text.slice(0, slash).trim());
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = slash < 0 ? max : Number(text.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Strips an IPv4-mapped IPv6 prefix (::ffff:1.2.3.4) and an IPv6 zone, so one address has one spelling. */
export function normaliseIp(ip: string): string {
  if (ip.startsWith('::ffff:') && ip.indexOf('.') > 0) return ip.slice(7);
  if (ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
  const zone = ip.indexOf('%');
  return zone > 0 ? ip.slice(0, zone) : ip;
}

/** Dotted IPv4 to an unsigned 32-bit number, or -1. */
export function ipv4ToNumber(ip: string): number {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      n = n * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return n * 256 + part;
}

/**
 * A set of networks. IPv4 is matched with integer masks (the common case, on every request); IPv6 in native code
 * (node:net BlockList), with recent answers cached because BlockList allocates on each check.
 */
export class CidrSet {
  private readonly v6 = new BlockList();
  private readonly v4: { base: number; mask: number }[] = [];
  private v6Count = 0;
  private readonly v6Cache = new Map<string, boolean>();
  readonly size: number;

  constructor(cidrs: readonly string[]) {
    for (const text of cidrs) {
      const c = parseCidr(text);
      if (!c) throw new Error(`"${text}" is not an IP address or CIDR`);
      if (c.family === 'ipv4') {
        const mask = c.prefix === 0 ? 0 : (0xffffffff << (32 - c.prefix)) >>> 0;
        this.v4.push({ base: (ipv4ToNumber(c.address) & mask) >>> 0, mask });
      } else {
        this.v6.addSubnet(c.address, c.prefix, 'ipv6');
        this.v6Count++;
      }
    }
    this.size = cidrs.length;
  }

  has(ip: string): boolean {
    if (this.size === 0) return false;
    const n = ipv4ToNumber(ip);
    if (n >= 0) {
      for (const net of this.v4) if (((n & net.mask) >>> 0) === net.base) return true;
      return false;
    }
    if (this.v6Count === 0 || isIP(ip) !== 6) return false;
    let hit = this.v6Cache.get(ip);
    if (hit === undefined) {
      hit = this.v6.check(ip, 'ipv6');
      if (this.v6Cache.size >= 10_000) this.v6Cache.clear();
      this.v6Cache.set(ip, hit);
    }
    return hit;
  }
}
