import type { Exchange } from '../exchange/exchange.js';
import { normalisePath } from '../exchange/path.js';
import type { CompiledPolicy } from '../policy/compile.js';
import type { ConsumerSet } from './consumer.js';
import { runControls } from './run-controls.js';

/**
 * The pipeline for traffic Vigil does not sit in front of (ingest, mirror, HAR, middleware in monitor mode):
 * the same route match and controls as the gateway, observe-only (refusals become would-block), then the consumers.
 * The capture source must have filled the request, the response and client.ip.
 */
export async function observeExchange(policy: CompiledPolicy, ex: Exchange, consumers: ConsumerSet): Promise<void> {
  const normal = normalisePath(ex.request.path);
  if (normal.ok) ex.request.path = normal.path;
  const hit = policy.routes.match(ex.request.host, ex.request.method, ex.request.path);
  const route = hit?.value ?? policy.unmatched;
  if (hit) ex.route = { name: hit.value.name, template: hit.template, params: hit.params };
  if (route) {
    await runControls(ex, route.headerControls, true);
    await runControls(ex, route.bodyControls, true);
  }
  consumers.emit(ex);
}
