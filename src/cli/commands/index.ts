import type { Command } from '../command.js';
import { configCommand } from './config.js';

// Every subcommand, in the order `vigil --help` lists them.
export const commands: Command[] = [configCommand];
