import type { BlockView, Me } from '../../../api-types';
import { api } from '../api';
import { time } from '../format';

/** One click blocks the addresses of an actor on every gateway for one hour (admin); a viewer sees it disabled. */
export function BlockActor({ ips, reason, blocks, me, act }: {
  ips: string[];
  reason: string;
  blocks: BlockView[] | undefined;
  me: Me;
  act: (p: Promise<unknown>, done: string) => void;
}) {
  const isAdmin = me.role === 'admin';
  const blocked = blocks?.filter((b) => b.kind === 'block' && ips.some((ip) => b.actor === `ip:${ip}`)) ?? [];
  if (ips.length > 0 && blocked.length === ips.length)
    return (
      <>
        <span class="tag bad" data-testid="blocked-until">blocked until {time(Math.min(...blocked.map((b) => b.until)))}</span>
        <button disabled={!isAdmin} onClick={() => act(Promise.all(ips.map((ip) => api.unblock({ ip }))), 'Unblocked')}>Unblock</button>
      </>
    );
  return (
    <button
      class="danger"
      data-testid="block-actor"
      disabled={!isAdmin || ips.length === 0}
      title={isAdmin ? `block ${ips.join(', ')} on every gateway for one hour` : 'needs the admin role'}
      onClick={() => act(Promise.all(ips.map((ip) => api.block({ ip }, 3600, reason))), `Blocked ${ips.join(', ')} for 1 h`)}
    >
      Block actor for 1 h
    </button>
  );
}
