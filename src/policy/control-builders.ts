import type { Mode, RouteDefaults, VigilConfig } from '../config/types.js';
import type { Control } from '../pipeline/control.js';
import type { RateLimiter } from './ratelimit/limiter.js';
import { createIpControl } from './ip/ip-control.js';
import { createLimitsControl } from './limits/limits-control.js';
import { createRateLimitControl } from './ratelimit/ratelimit-control.js';
import { createAuthControl } from './auth/index.js';
import { createGeoControl } from './geo/index.js';
import { createSchemaControl, type LoadedSpec } from './schema/index.js';
import { createDetectControl } from '../detect/control.js';
import { createBlocksControl } from './blocks/blocks-control.js';
import type { RuntimeBlocks } from './blocks/runtime-blocks.js';

export interface BuildContext {
  cfg: VigilConfig;
  routeId: string;
  limiter: RateLimiter;
  /** A spec named in the config, loaded once per compile. */
  spec(name: string): LoadedSpec;
  blocks?: RuntimeBlocks;
}

/** Builds one family's controls for a route from its (defaults-merged) settings. */
export type ControlBuilder = (route: RouteDefaults, mode: (block?: { mode?: Mode }) => 'enforce' | 'monitor' | undefined, ctx: BuildContext) => Control[];

const one = (c: Control | undefined): Control[] => (c ? [c] : []);

/**
 * Every control family, in the order a request meets them: cheap network checks first, then limits,
 * identity, the identity-keyed rate limits, and finally the body checks.
 */
export const controlBuilders: ControlBuilder[] = [
  (r, mode) => {
    const m = r.ip && mode(r.ip);
    return m ? one(createIpControl(r.ip!, m)) : [];
  },
  (r, mode) => {
    const m = r.geo && mode(r.geo);
    return m ? one(createGeoControl(r.geo!, m)) : [];
  },
  (r, mode) => {
    const m = r.limits && mode(r.limits);
    return m ? one(createLimitsControl(r.limits!, m)) : [];
  },
  (r, mode, ctx) => {
    if (r.auth === undefined || r.auth === 'none') return [];
    const m = mode(r.auth);
    return m ? one(createAuthControl(r.auth, ctx.cfg, m)) : [];
  },
  // runtime blocks set by responders, after auth so that a blocked principal is known
  (_r, mode, ctx) => (ctx.blocks && mode({}) ? [createBlocksControl(ctx.blocks)] : []),
  (r, mode, ctx) => {
    const rules = r.rate_limit === undefined ? [] : Array.isArray(r.rate_limit) ? r.rate_limit : [r.rate_limit];
    return rules.flatMap((rule, i) => {
      const m = mode(rule);
      return m ? [createRateLimitControl(rule, `${ctx.routeId}#${i}`, ctx.limiter, m)] : [];
    });
  },
  (r, mode, ctx) => {
    const m = r.schema && mode(r.schema);
    return m ? [createSchemaControl(r.schema!, ctx.spec(r.schema!.spec), m)] : [];
  },
  // detection is on unless a route turns it off
  (r, mode) => {
    const rule = r.detect ?? {};
    const m = mode(rule);
    return m ? [createDetectControl(rule, m)] : [];
  },
];
