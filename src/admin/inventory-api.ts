import type { VigilConfig } from '../config/types.js';
import { resolve } from 'node:path';
import type { TrafficStore } from '../store/store.js';
import { toHar } from '../store/export/har-export.js';
import { exchangesFromHar } from '../capture/har/har.js';
import { Inventory } from '../discover/inventory.js';
import { buildReport } from '../discover/classify.js';
import { buildOpenApi } from '../discover/openapi-build.js';
import { SpecCatalog } from '../discover/spec-catalog.js';
import type { DiscoveryReport } from '../discover/report-model.js';
import type { AdminRoute } from './admin-server.js';
import type { InventoryView } from './api-types.js';
import { intParam, onlyParams, timeParam } from './params.js';

const CACHE_MS = 5000;

/**
 * The API inventory from recorded traffic: the most recent exchanges (redacted, as stored) go through the same
 * discovery as `vigil discover` (records → HAR → exchanges → Inventory), checked against the policy's specs when
 * it has some. Rebuilt at most every 5 s.
 */
export class RecordedInventory {
  private cached?: { key: string; at: number; report: DiscoveryReport; exchanges: number };

  constructor(
    private readonly store: TrafficStore,
    private readonly config?: () => VigilConfig,
  ) {}

  async report(since: number | undefined, limit: number): Promise<{ report: DiscoveryReport; exchanges: number }> {
    const key = `${since ?? ''}/${limit}`;
    if (this.cached && this.cached.key === key && Date.now() - this.cached.at < CACHE_MS) return this.cached;
    const records = await this.store.find({ since }, { limit, order: 'desc' });
    const { exchanges } = exchangesFromHar(JSON.stringify(toHar(records)), 'recorded traffic');
    const inventory = new Inventory();
    for (const ex of exchanges) inventory.ingest(ex);
    const report = buildReport(inventory.endpoints(), this.catalog());
    this.cached = { key, at: Date.now(), report, exchanges: records.length };
    return this.cached;
  }

  private catalog(): SpecCatalog | undefined {
    const cfg = this.config?.();
    const files = Object.values(cfg?.specs ?? {});
    if (!cfg || files.length === 0) return undefined;
    const catalog = new SpecCatalog();
    try {
      for (const f of files) catalog.add(resolve(cfg.baseDir, f));
      return catalog;
    } catch {
      return undefined;
    }
  }
}

/** GET /api/inventory and GET /api/inventory/openapi.json (viewer). */
export function inventoryRoutes(inventory: RecordedInventory): AdminRoute[] {
  const args = (q: URLSearchParams): [number | undefined, number] => {
    onlyParams(q, ['since', 'limit']);
    return [timeParam(q, 'since'), intParam(q, 'limit', 5000, 1, 50_000)];
  };
  return [
    {
      method: 'GET',
      path: '/api/inventory',
      role: 'viewer',
      async handle({ url }) {
        const { report, exchanges } = await inventory.report(...args(url.searchParams));
        const out: InventoryView = { exchanges, endpoints: report.endpoints };
        return [200, out];
      },
    },
    {
      method: 'GET',
      path: '/api/inventory/openapi.json',
      role: 'viewer',
      async handle({ url }) {
        const { report } = await inventory.report(...args(url.searchParams));
        return [200, buildOpenApi(report, 'API discovered by Vigil')];
      },
    },
  ];
}
