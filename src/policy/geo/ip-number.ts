import { isIPv4, isIPv6 } from 'node:net';

/** IPv4 dotted quad as an unsigned 32-bit number; undefined when not IPv4. */
export function ipv4ToNumber(ip: string): number | undefined {
  if (!isIPv4(ip)) return undefined;
  let n = 0;
  for (const part of ip.split('.')) n = n * 256 + Number(part);
  return n;
}

const MASK64 = (1n << 64n) - 1n;

/** IPv6 text as its high and low 64-bit halves; undefined when not IPv6. */
export function ipv6ToHalves(ip: string): [bigint, bigint] | undefined {
  if (!isIPv6(ip)) return undefined;
  const value = ipv6ToBigInt(ip);
  return [value >> 64n, value & MASK64];
}

export function splitHalves(value: bigint): [bigint, bigint] {
  return [value >> 64n, value & MASK64];
}

function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  // a trailing embedded IPv4 (::ffff:1.2.3.4) becomes two hex groups
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4ToNumber(tail) ?? 0;
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = rest === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...restGroups];
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(parseInt(g, 16));
  return value;
}
