import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { scanCode } from '../../discover/code/scan-code.js';

export const scanCodeCommand: Command = {
  name: 'scan-code',
  usage: `Usage: vigil scan-code DIR [--json]
  Reads the JavaScript/TypeScript, Python, Java and Ruby sources under DIR (node_modules, dist, build, venv skipped) and prints every route
  with router prefixes and mounts resolved across files: method, path template, file:line and framework.
  --json   print {"routes":[{"method","path","file","line","framework"}]}`,
  async run(argv) {
    const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
    const dir = positionals[0];
    if (!dir || positionals.length > 1) throw new UsageError('expected one directory');
    try {
      if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a directory`);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      console.error(`vigil scan-code: cannot read ${dir}: ${(e as Error).message}`);
      return 2;
    }
    const routes = await scanCode(dir);
    if (values.json) {
      process.stdout.write(JSON.stringify({ routes }, null, 2) + '\n');
      return 0;
    }
    const width = Math.min(60, Math.max(4, ...routes.map((r) => r.path.length)));
    const lines = routes.map((r) => `${r.method.padEnd(7)} ${r.path.padEnd(width)} ${`${r.file}:${r.line}`.padEnd(30)} ${r.framework}`);
    process.stdout.write(`${routes.length} routes\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
    return 0;
  },
};
