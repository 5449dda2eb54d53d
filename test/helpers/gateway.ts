import { parseConfig } from '../../src/config/load.js';
import type { VigilConfig } from '../../src/config/types.js';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../src/capture/gateway/gateway.js';
import { ConsumerSet, type ExchangeConsumer } from '../../src/pipeline/consumer.js';
import type { Exchange } from '../../src/exchange/exchange.js';

/** Collects completed exchanges, as the recorder would see them. */
export class Collected implements ExchangeConsumer {
  readonly name = 'collected';
  readonly exchanges: Exchange[] = [];
  consume(ex: Exchange): void {
    this.exchanges.push(ex);
  }
  last(): Exchange {
    const ex = this.exchanges[this.exchanges.length - 1];
    if (!ex) throw new Error('no exchange collected');
    return ex;
  }
  /** Completion is signalled on the response's close, just after the client sees the answer. */
  async settle(count: number, timeoutMs = 2000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.exchanges.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  }
}

export interface TestGateway {
  gw: RunningGateway;
  port: number;
  collected: Collected;
  config: VigilConfig;
  close(): Promise<void>;
}

/** A gateway on an ephemeral loopback port from a YAML policy (listen is forced to 127.0.0.1:0). */
export async function startTestGateway(yaml: string, opts: GatewayOptions = {}, baseDir = process.cwd()): Promise<TestGateway> {
  const config = parseConfig(yaml, 'test.yaml');
  config.baseDir = baseDir;
  if (!/^listen:/m.test(yaml)) config.listen = [{ address: '127.0.0.1:0' }];
  const collected = new Collected();
  const consumers = opts.consumers ?? new ConsumerSet();
  consumers.add(collected);
  const gw = await startGateway(config, { ...opts, consumers });
  return { gw, port: gw.ports[0]!, collected, config, close: () => gw.close() };
}
