import type { Command } from '../command.js';
import { configCommand } from './config.js';
import { gatewayCommand } from './gateway.js';
import { demoCommand } from './demo.js';
import { reportCommand } from './report.js';
import { inspectCommand } from './inspect.js';
import { ingestCommand } from './ingest.js';
import { trafficCommand } from './traffic.js';
import { timelineCommand } from './timeline.js';
import { statsCommand } from './stats.js';
import { validateCommand } from './validate.js';
import { analyzeCommand } from './analyze.js';
import { workerCommand } from './worker.js';
import { validateCommand } from './validate.js';
import { discoverCommand } from './discover.js';
import { scanCodeCommand } from './scan-code.js';

// Every subcommand, in the order `vigil --help` lists them.
export const commands: Command[] = [gatewayCommand, demoCommand, configCommand, reportCommand, inspectCommand, ingestCommand, trafficCommand, timelineCommand, statsCommand, discoverCommand, scanCodeCommand, validateCommand, workerCommand, analyzeCommand];
