import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { loadConfig } from '../../config/load.js';
import { configSchema } from '../../config/schema.js';

export const configCommand: Command = {
  name: 'config',
  usage: `Usage: vigil config check FILE     validate a policy file; errors name the file, line and key
       vigil config schema         print the policy JSON Schema (for editors)`,
  async run(argv) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const [sub, file] = positionals;
    if (sub === 'schema') {
      console.log(JSON.stringify(configSchema, null, 2));
      return 0;
    }
    if (sub !== 'check' || !file) throw new UsageError('expected "check FILE" or "schema"');
    const cfg = loadConfig(file);
    console.log(`${file}: ok — ${cfg.routes.length} route(s), ${Object.keys(cfg.upstreams).length} upstream(s)`);
    return 0;
  },
};
