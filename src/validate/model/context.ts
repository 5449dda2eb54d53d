import type { VigilConfig } from '../../config/types.js';
import type { ValidationPlan } from '../plan/plan-types.js';
import type { Prober } from '../net/prober.js';
import type { SkipNote } from '../types.js';
import type { Identity } from './identities.js';
import type { RouteTarget } from './targets.js';

/** Everything a check derivation may read. */
export interface ValidateContext {
  prober: Prober;
  config?: VigilConfig;
  plan?: ValidationPlan;
  identities: Map<string, Identity>;
  targets: RouteTarget[];
  skipped: SkipNote[];
  /** Where the monitor-mode probe looks for its decision event, and how long it waits. */
  eventsFile?: string;
  eventsDeadlineMs: number;
}
