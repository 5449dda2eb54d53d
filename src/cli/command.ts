/** One `vigil` subcommand. Each lives in its own file under cli/commands and is listed in commands/index.ts. */
export interface Command {
  name: string;
  /** Full help text shown by `vigil NAME --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[]): Promise<number>;
}

/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
