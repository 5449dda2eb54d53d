// One gateway process for the scale-out benchmark (what `vigil gateway -c FILE` runs, without the CLI's other
// commands): prints the engines line and the bound port, stops on SIGTERM.
import { loadConfig } from '../../src/config/load.js';
import { runGateway } from '../../src/capture/gateway/cluster.js';

const cfg = loadConfig(process.argv[2]!);
cfg.listen = [{ address: '127.0.0.1:0' }];
cfg.workers = 1;
const gw = await runGateway(cfg, undefined, (line) => console.log(`vigil gateway: ${line}`));
console.log(`vigil gateway: listening on http://127.0.0.1:${gw.ports[0]}`);
process.once('SIGTERM', () => void gw.stop().then(() => process.exit(0)));
