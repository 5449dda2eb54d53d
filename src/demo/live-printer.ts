import type { Exchange } from '../exchange/exchange.js';
import type { ExchangeConsumer } from '../pipeline/consumer.js';

const colour = process.stdout.isTTY ? (code: number, s: string) => `\u001b[${code}m${s}\u001b[0m` : (_: number, s: string) => s;

/** Prints every exchange's decision as it completes: what a newcomer watches in the demo. */
export class LivePrinter implements ExchangeConsumer {
  readonly name = 'live-printer';

  consume(ex: Exchange): void {
    const action = ex.decision.action;
    const tag = action === 'allow' ? colour(32, 'ALLOW      ') : action === 'block' ? colour(31, 'BLOCK      ') : colour(33, 'WOULD-BLOCK');
    const reason = ex.decision.reasons[0];
    const why = reason ? ` ${reason.rule}${reason.location ? ` @ ${reason.location}` : ''}${reason.mode === 'monitor' ? ' (monitor)' : ''}` : '';
    const target = ex.request.url.length > 70 ? ex.request.url.slice(0, 67) + '...' : ex.request.url;
    console.log(`${tag} ${String(ex.response?.status ?? '-').padEnd(3)} ${ex.request.method.padEnd(6)} ${target}${why}`);
  }
}
