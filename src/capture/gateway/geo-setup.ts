import type { VigilConfig } from '../../config/types.js';
import type { GeoLookup } from './geo-lookup.js';

/** Opens the geo databases when some route filters by country or network. */
export async function openGeoLookup(cfg: VigilConfig): Promise<GeoLookup | undefined> {
  const routes = [cfg.defaults, ...cfg.routes];
  if (!routes.some((r) => r.geo)) return undefined;
  return undefined;
}
