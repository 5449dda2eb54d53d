import { commands } from './commands/index.js';
import { UsageError } from './command.js';
import { ConfigError } from '../config/load.js';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'vigil — API security monitoring: gateway, ingest, detection, discovery, validation',
    '',
    'Usage: vigil <command> [options]     vigil <command> --help',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.error(`vigil: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`vigil ${name}: ${e.message}\n\n${command.usage}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      console.error(`vigil ${name}: ${e.message}`);
      return 2;
    }
    // util.parseArgs reports unknown or malformed options this way
    if ((e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`vigil ${name}: ${(e as Error).message}\n\n${command.usage}`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
