import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { loadConfig, monitorOnlyConfig } from '../../config/load.js';
import type { VigilConfig } from '../../config/types.js';
import { runGateway, runGatewayWorker } from '../../capture/gateway/cluster.js';

export const gatewayCommand: Command = {
  name: 'gateway',
  usage: `Usage: vigil gateway -c vigil.yaml
       vigil gateway --upstream http://127.0.0.1:3000 [--listen 127.0.0.1:8080]   (monitor everything, block nothing)

Options:
  -c, --config FILE     policy file (YAML); reloaded on SIGHUP, graceful stop on SIGTERM/SIGINT
  --upstream URL        no policy file: forward everything to URL in monitor mode
  --listen ADDR         listener address with --upstream (default 127.0.0.1:8080)
  --workers N           processes serving traffic (default: the config's workers, else one per core)`,
  async run(argv) {
    if (cluster.isWorker) {
      runGatewayWorker();
      return new Promise<number>(() => undefined);
    }
    const { values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        upstream: { type: 'string' },
        listen: { type: 'string' },
        workers: { type: 'string' },
      },
    });
    if (!values.config && !values.upstream) throw new UsageError('give a policy file (-c) or an --upstream URL');
    const load = (): VigilConfig => {
      const cfg = values.config ? loadConfig(values.config) : monitorOnlyConfig(values.upstream!, values.listen);
      if (values.workers) cfg.workers = Number(values.workers);
      return cfg;
    };
    const cfg = load();
    const log = (line: string) => console.log(`vigil gateway: ${line}`);
    const gw = await runGateway(cfg, values.config ? load : undefined, log);
    cfg.listen.forEach((l, i) => log(`listening on ${l.tls ? 'https' : 'http'}://${hostOf(l.address)}:${gw.ports[i]} (${cfg.workers} worker(s))`));
    if (gw.adminPort !== undefined) log(`admin (health, metrics) on http://${hostOf(cfg.admin!.address)}:${gw.adminPort}`);
    log(`${cfg.routes.length} route(s); unmatched requests are ${cfg.unmatched === 'allow' ? 'forwarded' : 'refused'}`);
    return new Promise<number>((resolve) => {
      const stop = (signal: string) => {
        log(`${signal}: finishing requests in flight`);
        gw.stop().then(() => resolve(0));
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
  },
};

function hostOf(address: string): string {
  const colon = address.lastIndexOf(':');
  const host = colon < 0 ? '127.0.0.1' : address.slice(0, colon) || '0.0.0.0';
  return host;
}
