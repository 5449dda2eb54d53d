import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import maxmind, { type CountryResponse, type Reader } from 'maxmind';
import { normaliseIp } from '../../net/cidr.js';
import { Lru } from '../auth/lru.js';
import { AsnTable } from './asn-table.js';
import { nonPublicRanges } from './private-ranges.js';

export interface GeoInfo {
  country?: string;
  asn?: number;
  asnOrg?: string;
}

export interface GeoIpOptions {
  /** An MMDB whose records carry `country_code` (or MaxMind's `country.iso_code`); default the shipped ip-location-db one. */
  country_db?: string;
  /** An ASN CSV file, or a directory with asn-ipv4-num.csv and asn-ipv6-num.csv; default the shipped ip-location-db one. */
  asn_db?: string;
  /** Load the ASN table (about 0.5 M ranges, a few hundred ms) even when asn_db is not given. */
  asn?: boolean;
  cacheSize?: number;
}


const require = createRequire(import.meta.url);

function shippedCountryDb(): string {
  return resolve(dirname(require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/package.json')), 'geo-whois-asn-country.mmdb');
}

function shippedAsnDir(): string {
  return dirname(require.resolve('@ip-location-db/asn/package.json'));
}

/** Country and network operator of an address, from local databases; no network calls. */
export class GeoIp {
  private readonly cache: Lru<string, GeoInfo>;

  private constructor(
    private readonly countries: Reader<CountryResponse>,
    private readonly asns: AsnTable | undefined,
    cacheSize: number,
  ) {
    this.cache = new Lru(cacheSize);
  }

  get hasAsn(): boolean {
    return this.asns !== undefined;
  }

  /** Relative database paths resolve from baseDir (the config file's directory). The ASN table loads only when asked. */
  static async open(opts: GeoIpOptions = {}, baseDir = process.cwd()): Promise<GeoIp> {
    const countryFile = opts.country_db ? resolve(baseDir, opts.country_db) : shippedCountryDb();
    let countries: Reader<CountryResponse>;
    try {
      countries = await maxmind.open<CountryResponse>(countryFile);
    } catch (e) {
      throw new Error(`country database ${countryFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const wantAsn = opts.asn === true || opts.asn_db !== undefined;
    const asns = wantAsn ? await AsnTable.load(opts.asn_db ? resolve(baseDir, opts.asn_db) : shippedAsnDir()) : undefined;
    return new GeoIp(countries, asns, opts.cacheSize ?? 10_000);
  }

  /** {} for private, loopback and unparseable addresses and for addresses the databases do not cover. */
  lookup(ip: string): GeoInfo {
    const address = normaliseIp(ip);
    const cached = this.cache.get(address);
    if (cached) return cached;
    const info = this.resolve(address);
    this.cache.set(address, info);
    return info;
  }

  private resolve(address: string): GeoInfo {
    if (!maxmind.validate(address) || nonPublicRanges.has(address)) return {};
    const info: GeoInfo = {};
    const country = countryCode(this.countries.get(address));
    if (country) info.country = country;
    const asn = this.asns?.lookup(address);
    if (asn) {
      info.asn = asn.asn;
      if (asn.org) info.asnOrg = asn.org;
    }
    return info;
  }
}

/** ip-location-db records are `{ country_code }`; MaxMind's own are `{ country: { iso_code } }`. */
function countryCode(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const flat = (record as { country_code?: unknown }).country_code;
  if (typeof flat === 'string') return flat;
  const nested = (record as { country?: { iso_code?: unknown } }).country?.iso_code;
  return typeof nested === 'string' ? nested : undefined;
}
