import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { scanCode } from '../../discover/code/scan-code.js';
import { progressBar } from '../progress-bar.js';

const PROGRESS_MIN_FILES = 200;

export const scanCodeCommand: Command = {
  name: 'scan-code',
  usage: `Usage: vigil scan-code DIR [--json]
  Reads the JavaScript/TypeScript, Python, Java and Ruby sources under DIR (node_modules, dist, build, venv skipped) and prints every route
  with router prefixes and mounts resolved across files: method, path template, file:line and framework.
  --json   print {"routes":[{"method","path","file","line","framework"}]}
  On a terminal, trees of more than ${PROGRESS_MIN_FILES} files show a progress bar on stderr.`,
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
    // a bar on a terminal's stderr for large trees; stdout (and --json) stays clean
    const bar = process.stderr.isTTY ? progressBar(process.stderr, { minTotal: PROGRESS_MIN_FILES, intervalMs: 100 }) : undefined;
    const root = resolve(dir);
    let routes;
    try {
      routes = await scanCode(dir, bar ? { onProgress: (p) => bar.update({ total: p.total, done: p.done, label: relative(root, p.file) }) } : {});
    } finally {
      bar?.clear();
    }
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
