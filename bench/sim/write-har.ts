import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { harChunks } from './har-entry.js';
import { simulate } from './simulate.js';

// node dist/bench/sim/write-har.js OUT.har [--users N] [--hours H] [--sessions S] [--seed S]: a simulated capture.

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

const out = process.argv[2];
if (!out) {
  console.error('usage: write-har.js OUT.har [--users N] [--hours H] [--sessions S] [--seed S]');
  process.exit(2);
}
const sim = simulate({ seed: arg('seed', 42), users: arg('users', 2500), hours: arg('hours', 6), sessionsPerUser: arg('sessions', 3) });
const file = createWriteStream(out);
for (const chunk of harChunks(sim.events)) if (!file.write(chunk)) await once(file, 'drain');
file.end();
await once(file, 'finish');
console.error(`${out}: ${sim.events.length} entries (${sim.benign} benign)`);
