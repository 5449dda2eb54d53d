import type { DetectRuleConfig, VigilConfig } from '../config/types.js';
import { resolveOptions } from '../detect/engine.js';
import type { DetectOptions } from '../detect/types.js';

export type Exclusion = DetectOptions['exclusions'][number];

/**
 * A route's detection settings as the gateway applies them: the route's `detect` block replaces the defaults' one
 * as a whole (settings merge per block), so a route without one runs the defaults'. Undefined: detection is off.
 */
export function routeDetect(cfg: VigilConfig, route: string | null): DetectRuleConfig | undefined {
  const r = route === null ? undefined : cfg.routes.find((x) => x.name === route);
  const mode = r?.mode ?? cfg.defaults.mode;
  const detect = r?.detect ?? cfg.defaults.detect ?? {};
  if (mode === 'off' || detect.mode === 'off') return undefined;
  return detect;
}

export function detectOptions(detect: DetectRuleConfig, extra: Exclusion[] = []): DetectOptions {
  return resolveOptions({ threshold: detect.threshold, paranoia: detect.paranoia, exclusions: [...(detect.exclusions ?? []), ...extra] });
}
