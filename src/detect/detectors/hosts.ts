// Host classification shared by SSRF and RFI: loopback, private, link-local and metadata addresses in any spelling.

export type HostClass = 'metadata' | 'loopback' | 'private' | 'internal-name' | 'ip' | 'public';

const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata', 'metadata.azure.com', 'instance-data', 'instance-data.ec2.internal', 'metadata.tencentyun.com', 'metadata.oraclecloud.com', 'metadata.packet.net', 'metadata.platformequinix.com', 'metadata.equinix.com']);
const INTERNAL_NAMES = ['localhost', 'localhost4', 'localhost6', 'localhost.localdomain', 'host.docker.internal', 'host.containers.internal', 'gateway.docker.internal', 'kubernetes.default', 'kubernetes.default.svc', 'localtest.me', 'lvh.me', 'vcap.me', 'ip6-localhost', 'ip6-loopback', 'ipv6-localhost', 'ipv6-loopback', 'localhost4.localdomain4', 'localhost6.localdomain6'];

/** Parses one IPv4 part as inet_aton does: decimal, 0x hex, 0 octal. */
function part(p: string): number {
  if (p === '') return NaN;
  if (/^0x[0-9a-f]*$/.test(p)) return p.length === 2 ? 0 : p.length > 10 ? Number(BigInt(p) & 0xffffffffn) : parseInt(p.slice(2), 16);
  if (/^0[0-7]+$/.test(p)) return parseInt(p, 8);
  if (/^[0-9]+$/.test(p)) return p.length > 10 ? Number(BigInt(p) & 0xffffffffn) : parseInt(p, 10) % 2 ** 32;
  return NaN;
}

/** An IPv4 address in any inet_aton spelling (127.1, 2130706433, 0x7f.0.0.1, 0177.0.0.01) as a 32-bit number. */
export function ipv4(host: string): number | undefined {
  if (!/^[0-9a-fx.]+$/.test(host) || host.length > 40) return undefined;
  const parts = host.split('.').map(part);
  if (parts.length < 1 || parts.length > 4 || parts.some((x) => Number.isNaN(x))) return undefined;
  const last = parts[parts.length - 1]!;
  const head = parts.slice(0, -1);
  if (head.some((x) => x > 255)) return undefined;
  const room = 2 ** (8 * (4 - head.length));
  if (last >= room) return undefined;
  let v = 0;
  for (const x of head) v = v * 256 + x;
  return v * room + last;
}

function classifyV4(ip: number): HostClass {
  const a = Math.floor(ip / 2 ** 24);
  const b = Math.floor(ip / 2 ** 16) % 256;
  if (ip === 0xa9fea9fe || ip === 0x64646464 + 0x9c - 0x64 /* 100.100.100.200 */) return 'metadata';
  if (a === 127 || ip === 0) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a === 0) return 'private';
  return 'ip';
}

export function classifyHost(hostIn: string): HostClass {
  let host = hostIn.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (METADATA_NAMES.has(host)) return 'metadata';
  if (INTERNAL_NAMES.some((n) => host === n || host.endsWith(`.${n}`))) return 'internal-name';
  if (host.endsWith('.internal') || host.endsWith('.local') || host.endsWith('.localdomain') || host.endsWith('.svc.cluster.local')) return 'internal-name';
  // 127.0.0.1.nip.io, app.127.0.0.1.nip.io, 127-0-0-1.sslip.io, 7f000001.nip.io: wildcard DNS that answers the address it names
  const wild = /(?:^|[.-])([0-9]{1,3}(?:[.-][0-9]{1,3}){3}|[0-9a-f]{8})\.(?:nip|xip|sslip)\.io$/.exec(host);
  if (wild) host = /^[0-9a-f]{8}$/.test(wild[1]!) ? `0x${wild[1]}` : wild[1]!.replace(/-/g, '.');
  const v4 = ipv4(host);
  if (v4 !== undefined) return classifyV4(v4);
  if (host.includes(':')) {
    if (host === '::1' || host === '::' || /^0*:0*:0*:0*:0*:0*:0*:0*1$/.test(host)) return 'loopback';
    const mapped = /^(?:0*:)*:?ffff:([0-9.]+)$/.exec(host) ?? /^::([0-9.]+)$/.exec(host);
    if (mapped) {
      const m = ipv4(mapped[1]!);
      return m === undefined ? 'ip' : classifyV4(m);
    }
    const hexMapped = /^(?:0*:)*:?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (hexMapped) return classifyV4(parseInt(hexMapped[1]!, 16) * 65536 + parseInt(hexMapped[2]!, 16));
    if (host.startsWith('fd') || host.startsWith('fc') || host.startsWith('fe80')) return 'private';
    if (host.startsWith('fd00:ec2::254')) return 'metadata';
    return 'ip';
  }
  return 'public';
}

export interface UrlRef {
  scheme: string;
  host: string;
  start: number;
  end: number;
  /** Text after the authority (path, query), bounded. */
  rest: string;
}

/** URLs in text (scheme://authority...), at most `limit`. Linear: finds each "://" and walks outwards. */
export function findUrls(s: string, limit = 16): UrlRef[] {
  const out: UrlRef[] = [];
  for (let i = s.indexOf('://'); i >= 0 && out.length < limit; i = s.indexOf('://', i + 3)) {
    let a = i;
    while (a > 0 && a > i - 20 && /[a-z0-9+.-]/.test(s[a - 1]!)) a--;
    const scheme = s.slice(a, i);
    if (!scheme || !/^[a-z]/.test(scheme)) continue;
    let j = i + 3;
    while (j < s.length && j - i < 260 && !'/?#\\ \t\r\n"\'<>`'.includes(s[j]!)) j++;
    let auth = s.slice(i + 3, j);
    const at = auth.lastIndexOf('@');
    if (at >= 0) auth = auth.slice(at + 1);
    let host = auth;
    if (host.startsWith('[')) host = host.slice(0, host.indexOf(']') + 1 || host.length);
    else {
      const colon = host.indexOf(':');
      if (colon >= 0) host = host.slice(0, colon);
    }
    let e = j;
    while (e < s.length && e - j < 200 && !' \t\r\n"\'<>`'.includes(s[e]!)) e++;
    out.push({ scheme, host, start: a, end: e, rest: s.slice(j, e) });
  }
  return out;
}
