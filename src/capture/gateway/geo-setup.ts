import type { VigilConfig } from '../../config/types.js';
import { GeoIp, geoNeedsAsn } from '../../policy/geo/index.js';
import type { GeoLookup } from './geo-lookup.js';

/**
 * Opens the geo databases (shipped npm data packages, or files named in `geoip`): the country database always, so
 * every exchange carries its country; the ASN table, slower to load, when a rule names networks or when traffic is
 * recorded (responders want the network of each actor).
 */
export async function openGeoLookup(cfg: VigilConfig): Promise<GeoLookup> {
  const rules = [cfg.defaults, ...cfg.routes].map((r) => r.geo).filter((g) => g !== undefined);
  const asn = rules.some(geoNeedsAsn) || cfg.store !== undefined;
  const geo = await GeoIp.open({ ...cfg.geoip, asn }, cfg.baseDir);
  return (ip) => geo.lookup(ip);
}
