import type { Mode, RouteDefaults, VigilConfig } from '../config/types.js';
import type { Control } from '../pipeline/control.js';
import type { RateLimiter } from './ratelimit/limiter.js';
import { createIpControl } from './ip/ip-control.js';
import { createLimitsControl } from './limits/limits-control.js';
import { createRateLimitControl } from './ratelimit/ratelimit-control.js';

export interface BuildContext {
  cfg: VigilConfig;
  routeId: string;
  limiter: RateLimiter;
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
    const m = r.limits && mode(r.limits);
    return m ? one(createLimitsControl(r.limits!, m)) : [];
  },
  (r, mode, ctx) => {
    const rules = r.rate_limit === undefined ? [] : Array.isArray(r.rate_limit) ? r.rate_limit : [r.rate_limit];
    return rules.flatMap((rule, i) => {
      const m = mode(rule);
      return m ? [createRateLimitControl(rule, `${ctx.routeId}#${i}`, ctx.limiter, m)] : [];
    });
  },
];
