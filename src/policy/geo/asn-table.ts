import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ipv4ToNumber, ipv6ToHalves, splitHalves } from './ip-number.js';

export interface AsnHit {
  asn: number;
  org?: string;
}

/**
 * The ip-location-db ASN ranges (`start,end,asn,org`, numeric or textual addresses) in sorted typed arrays,
 * searched by bisection: about 0.5 M ranges cost ~10 MB instead of ~100 MB of row objects.
 */
export class AsnTable {
  /** Built by AsnTable.load; the columns are sorted by range start. */
  constructor(
    private readonly v4Start: Uint32Array,
    private readonly v4End: Uint32Array,
    private readonly v4Asn: Uint32Array,
    private readonly v4Org: Uint32Array,
    private readonly v6Start: BigUint64Array, // hi, lo interleaved
    private readonly v6End: BigUint64Array,
    private readonly v6Asn: Uint32Array,
    private readonly v6Org: Uint32Array,
    private readonly orgs: string[],
  ) {}

  get size(): number {
    return this.v4Asn.length + this.v6Asn.length;
  }

  /** `path` is one CSV file, or a directory holding asn-ipv4-num.csv and asn-ipv6-num.csv. */
  static async load(path: string): Promise<AsnTable> {
    const files = (await stat(path)).isDirectory() ? [join(path, 'asn-ipv4-num.csv'), join(path, 'asn-ipv6-num.csv')] : [path];
    const b = new Builder();
    for (const file of files) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw new Error(`ASN database ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      b.addCsv(text, file);
    }
    return b.build();
  }

  lookup(ip: string): AsnHit | undefined {
    const v4 = ipv4ToNumber(ip);
    if (v4 !== undefined) {
      const i = lastAtOrBelow(this.v4Start.length, (k) => this.v4Start[k]! <= v4);
      if (i < 0 || this.v4End[i]! < v4) return undefined;
      return this.hit(this.v4Asn[i]!, this.v4Org[i]!);
    }
    const v6 = ipv6ToHalves(ip);
    if (!v6) return undefined;
    const [hi, lo] = v6;
    const s = this.v6Start;
    const e = this.v6End;
    const i = lastAtOrBelow(this.v6Asn.length, (k) => s[2 * k]! < hi || (s[2 * k] === hi && s[2 * k + 1]! <= lo));
    if (i < 0 || e[2 * i]! < hi || (e[2 * i] === hi && e[2 * i + 1]! < lo)) return undefined;
    return this.hit(this.v6Asn[i]!, this.v6Org[i]!);
  }

  private hit(asn: number, org: number): AsnHit {
    const name = this.orgs[org];
    return name ? { asn, org: name } : { asn };
  }
}

/** Index of the last element for which `atOrBelow` holds (a monotone predicate), or -1. */
function lastAtOrBelow(length: number, atOrBelow: (k: number) => boolean): number {
  let lo = 0;
  let hi = length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrBelow(mid)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

interface V6Row {
  start: bigint;
  end: bigint;
  asn: number;
  org: number;
}

class Builder {
  private readonly v4: number[] = []; // start, end, asn, org flattened
  private readonly v6: V6Row[] = [];
  private readonly orgs: string[] = [''];
  private readonly orgIndex = new Map<string, number>([['', 0]]);

  addCsv(text: string, file: string): void {
    // numeric cells are ambiguous (a small number may be an IPv6 address): trust the file's name when it says
    const family = /ipv6/i.test(file) ? 6 : /ipv4/i.test(file) ? 4 : 0;
    let line = 0;
    let pos = 0;
    while (pos < text.length) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = text.length;
      const row = text.slice(pos, nl).trim();
      pos = nl + 1;
      line++;
      if (row) this.addRow(row, file, line, family);
    }
  }

  private addRow(row: string, file: string, line: number, family: 0 | 4 | 6): void {
    const c1 = row.indexOf(',');
    const c2 = row.indexOf(',', c1 + 1);
    const c3 = row.indexOf(',', c2 + 1);
    if (c1 < 0 || c2 < 0) throw new Error(`ASN database ${file}:${line}: expected start,end,asn,org`);
    const startText = row.slice(0, c1);
    const endText = row.slice(c1 + 1, c2);
    const asn = Number(row.slice(c2 + 1, c3 < 0 ? row.length : c3));
    if (!Number.isInteger(asn) || asn < 0) throw new Error(`ASN database ${file}:${line}: the ASN is not a number`);
    const org = this.org(c3 < 0 ? '' : unquote(row.slice(c3 + 1)));
    const start4 = family === 6 ? undefined : v4Value(startText);
    const end4 = family === 6 ? undefined : v4Value(endText);
    if (start4 !== undefined && end4 !== undefined) {
      this.v4.push(start4, end4, asn, org);
      return;
    }
    const start6 = v6Value(startText);
    const end6 = v6Value(endText);
    if (start6 === undefined || end6 === undefined) throw new Error(`ASN database ${file}:${line}: the range is not two IP addresses or numbers`);
    this.v6.push({ start: start6, end: end6, asn, org });
  }

  private org(name: string): number {
    let i = this.orgIndex.get(name);
    if (i === undefined) {
      i = this.orgs.push(name) - 1;
      this.orgIndex.set(name, i);
    }
    return i;
  }

  build(): AsnTable {
    const n4 = this.v4.length / 4;
    const order4 = Array.from({ length: n4 }, (_, i) => i);
    if (!isSorted(n4, (i) => this.v4[4 * i]!)) order4.sort((a, b) => this.v4[4 * a]! - this.v4[4 * b]!);
    const v4Start = new Uint32Array(n4);
    const v4End = new Uint32Array(n4);
    const v4Asn = new Uint32Array(n4);
    const v4Org = new Uint32Array(n4);
    order4.forEach((src, i) => {
      v4Start[i] = this.v4[4 * src]!;
      v4End[i] = this.v4[4 * src + 1]!;
      v4Asn[i] = this.v4[4 * src + 2]!;
      v4Org[i] = this.v4[4 * src + 3]!;
    });
    const rows6 = this.v6.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const v6Start = new BigUint64Array(2 * rows6.length);
    const v6End = new BigUint64Array(2 * rows6.length);
    const v6Asn = new Uint32Array(rows6.length);
    const v6Org = new Uint32Array(rows6.length);
    rows6.forEach((r, i) => {
      [v6Start[2 * i], v6Start[2 * i + 1]] = splitHalves(r.start);
      [v6End[2 * i], v6End[2 * i + 1]] = splitHalves(r.end);
      v6Asn[i] = r.asn;
      v6Org[i] = r.org;
    });
    return new AsnTable(v4Start, v4End, v4Asn, v4Org, v6Start, v6End, v6Asn, v6Org, this.orgs);
  }
}

function isSorted(n: number, at: (i: number) => number): boolean {
  for (let i = 1; i < n; i++) if (at(i) < at(i - 1)) return false;
  return true;
}

/** A numeric IPv4 cell (<= 2^32 - 1) or dotted quad. */
function v4Value(text: string): number | undefined {
  if (text.includes('.')) return ipv4ToNumber(text);
  if (text.includes(':') || text.length > 10) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
}

function v6Value(text: string): bigint | undefined {
  if (text.includes(':')) {
    const halves = ipv6ToHalves(text);
    return halves ? (halves[0] << 64n) | halves[1] : undefined;
  }
  return /^[0-9]+$/.test(text) ? BigInt(text) : undefined;
}

function unquote(field: string): string {
  const f = field.trim();
  return f.startsWith('"') && f.endsWith('"') && f.length >= 2 ? f.slice(1, -1).replace(/""/g, '"') : f;
}
