import type { Control } from '../../pipeline/control.js';
import type { RuntimeBlocks } from './runtime-blocks.js';

/**
 * Refuses actors blocked at runtime. It runs after authentication, so a block on a principal applies too.
 * A responder's block is an explicit order: it is enforced even on routes in monitor mode.
 */
export function createBlocksControl(blocks: RuntimeBlocks): Control {
  return {
    id: 'blocks',
    phase: 'headers',
    mode: 'enforce',
    check(ex) {
      const reason = blocks.blockReason(ex.client.ip, ex.principal?.id);
      return reason === undefined ? undefined : { rule: 'blocks.actor', message: `actor blocked at runtime: ${reason}`, location: 'client', status: 403 };
    },
  };
}
