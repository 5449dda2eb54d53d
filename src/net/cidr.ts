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

/** A set of networks, matched in native code (node:net BlockList). */
export class CidrSet {
  private readonly list = new BlockList();
  readonly size: number;

  constructor(cidrs: readonly string[]) {
    for (const text of cidrs) {
      const c = parseCidr(text);
      if (!c) throw new Error(`"${text}" is not an IP address or CIDR`);
      this.list.addSubnet(c.address, c.prefix, c.family);
    }
    this.size = cidrs.length;
  }

  has(ip: string): boolean {
    if (this.size === 0) return false;
    const version = isIP(ip);
    if (version === 0) return false;
    return this.list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
  }
}
