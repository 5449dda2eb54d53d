import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoApi, type DemoApi } from '../../src/demo/demo-api.js';
import { parseConfig } from '../../src/config/load.js';
import type { VigilConfig } from '../../src/config/types.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { tempDir } from '../helpers/temp.js';

export const FIXTURES = resolve('test/fixtures/validate');
export const DEMO_SECRET = 'validate-test-secret-0123456789abcdef';
process.env.VIGIL_DEMO_JWT_SECRET = DEMO_SECRET;

export interface Shop {
  api: DemoApi;
  dir: string;
  events: string;
  policyText: string;
  /** The reference policy the validator derives its expectations from. */
  reference: VigilConfig;
  gateway: TestGateway;
  target: string;
  /** Restarts the gateway on a changed policy (a broken control); the reference stays the same. */
  breakWith(edit: (yaml: string) => string): Promise<void>;
  /** Reloads the running gateway (same port) with a changed policy, as SIGHUP would. */
  reloadWith(edit: (yaml: string) => string): Promise<void>;
  close(): Promise<void>;
}

export function policyText(shopPort: number, events: string): string {
  return readFileSync(join(FIXTURES, 'policy.yaml'), 'utf8')
    .replaceAll('__SHOP__', String(shopPort))
    .replaceAll('__SPEC__', resolve('examples/demo/openapi.yaml'))
    .replaceAll('__EVENTS__', events);
}

export async function startShop(): Promise<Shop> {
  const { dir, cleanup } = tempDir('vigil-validate-');
  const api = await startDemoApi(0, DEMO_SECRET);
  const events = join(dir, 'events.jsonl');
  const text = policyText(api.port, events);
  const reference = parseConfig(text, 'policy.yaml');
  reference.baseDir = dir;
  const shop: Shop = {
    api,
    dir,
    events,
    policyText: text,
    reference,
    gateway: await startTestGateway(text, {}, dir),
    get target() {
      return `http://127.0.0.1:${this.gateway.port}`;
    },
    async breakWith(edit) {
      await this.gateway.close();
      this.gateway = await startTestGateway(edit(text), {}, dir);
    },
    async reloadWith(edit) {
      const next = parseConfig(edit(text), 'policy.yaml');
      next.baseDir = dir;
      await this.gateway.gw.reload(next);
    },
    async close() {
      await this.gateway.close();
      await api.close();
      cleanup();
    },
  };
  return shop;
}
