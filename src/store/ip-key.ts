import { isIP } from 'node:net';
import { parseCidr } from '../net/cidr.js';

// Addresses as fixed-width sortable keys, so that one index answers both "this address" and "this network":
// IPv4 is '4' + 8 hex digits, IPv6 is '6' + 32 hex digits; a CIDR is the key range [first, last].

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function v4Hex(ip: string): string {
  let out = '';
  let octet = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      out += HEX_BYTE[octet];
      octet = 0;
    } else octet = octet * 10 + (c - 48);
  }
  return out + HEX_BYTE[octet];
}

function v6Hex(ip: string): string {
  let text = ip;
  const dot = text.lastIndexOf('.');
  if (dot > 0) {
    // trailing embedded IPv4 (::ffff:1.2.3.4)
    const colon = text.lastIndexOf(':');
    const hex = v4Hex(text.slice(colon + 1));
    text = `${text.slice(0, colon + 1)}${hex.slice(0, 4)}:${hex.slice(4)}`;
  }
  const [head = '', tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  const groups = tail === undefined ? h : [...h, ...Array<string>(missing).fill('0'), ...t];
  return groups.map((g) => g.padStart(4, '0')).join('').toLowerCase();
}

/** The sortable key of an address, or undefined when it is not one. */
export function ipKey(ip: string): string | undefined {
  const v = isIP(ip);
  if (v === 4) return '4' + v4Hex(ip);
  if (v === 6) return '6' + v6Hex(ip);
  return undefined;
}

/** The address a key stands for (IPv6 in full, uncompressed form is shortened by the URL parser's rules). */
export function ipFromKey(key: string): string {
  if (key.startsWith('4') && key.length === 9) {
    const out: number[] = [];
    for (let i = 1; i < 9; i += 2) out.push(parseInt(key.slice(i, i + 2), 16));
    return out.join('.');
  }
  if (key.startsWith('6') && key.length === 33) {
    const groups: string[] = [];
    for (let i = 1; i < 33; i += 4) groups.push(parseInt(key.slice(i, i + 4), 16).toString(16));
    return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
  }
  return key;
}

/** The inclusive key range of an address or CIDR, or undefined when the text is neither. */
export function ipKeyRange(text: string): { first: string; last: string } | undefined {
  const c = parseCidr(text);
  if (!c) return undefined;
  const key = ipKey(c.address)!;
  const bits = c.family === 'ipv4' ? 32 : 128;
  const hex = key.slice(1);
  let binary = '';
  for (const ch of hex) binary += parseInt(ch, 16).toString(2).padStart(4, '0');
  const prefix = binary.slice(0, c.prefix);
  const toHex = (b: string) => {
    let out = '';
    for (let i = 0; i < bits; i += 4) out += parseInt(b.slice(i, i + 4), 2).toString(16);
    return out;
  };
  const family = key[0]!;
  return { first: family + toHex(prefix.padEnd(bits, '0')), last: family + toHex(prefix.padEnd(bits, '1')) };
}
