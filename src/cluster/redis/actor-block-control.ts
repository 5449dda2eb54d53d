import type { Control, CheckResult } from '../../pipeline/control.js';
import type { Exchange } from '../../exchange/exchange.js';
import type { ActorBlocks } from './actor-blocks.js';

/** A header-phase control refusing actors blocked at runtime (answered from the local mirror, synchronously). */
export function createActorBlockControl(blocks: ActorBlocks, mode: 'enforce' | 'monitor' = 'enforce'): Control {
  return {
    id: 'blocks',
    phase: 'headers',
    mode,
    check(ex: Exchange): CheckResult {
      const reason = blocks.blockReason(ex.client.ip, ex.principal?.id);
      return reason === undefined ? undefined : { rule: 'blocks.actor', message: `actor blocked at runtime: ${reason}`, status: 403 };
    },
  };
}
