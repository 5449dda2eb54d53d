import type { VigilConfig } from '../../config/types.js';
import { GeoIp, geoNeedsAsn } from '../../policy/geo/index.js';
import type { GeoLookup } from './geo-lookup.js';

/**
 * Opens the geo databases (shipped npm data packages, or files named in `geoip`) when some route filters by
 * country or network; the ASN table, slower to load, only when a rule names ASNs.
 */
export async function openGeoLookup(cfg: VigilConfig): Promise<GeoLookup | undefined> {
  const rules = [cfg.defaults, ...cfg.routes].map((r) => r.geo).filter((g) => g !== undefined);
  if (rules.length === 0) return undefined;
  const geo = await GeoIp.open({ ...cfg.geoip, asn: rules.some(geoNeedsAsn) }, cfg.baseDir);
  return (ip) => geo.lookup(ip);
}
