// CPU time per inspect of the typical GET and 2 KB JSON POST, this build against another build's engine, interleaved
// in one process (the machine is shared: best of N rounds of CPU time, not wall time).
// Usage: node dist/bench/detection/ab-speed.js [--base path/to/other/dist/src/detect/engine.js] [--rounds 15]
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Exchange } from '../../src/exchange/exchange.js';
import type { InspectResult } from '../../src/detect/types.js';
import { copyOf, typicalGet, typicalPost } from './typical.js';

type Inspect = (ex: Exchange) => InspectResult;
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const root = resolve(import.meta.dirname, '../../..');
const load = async (p: string): Promise<Inspect> => ((await import(pathToFileURL(resolve(p)).href)) as { inspectExchange: Inspect }).inspectExchange;
const engines: [string, Inspect][] = [['this', await load(join(root, 'dist/src/detect/engine.js'))]];
const base = opt('--base');
if (base) engines.unshift(['base', await load(base)]);
const rounds = Number(opt('--rounds') ?? 15);
const BATCH = 300;

let serial = 0;
/** The request with every value made new (values seen clean before are not scanned again: this is the cold cost). */
function fresh(proto: Exchange): Exchange {
  const n = ++serial;
  const ex = copyOf(proto);
  if (proto.request.body) {
    const body = proto.request.body.toString('utf8').replace(/"([^"]*[a-z ][^"]*)"(?!:)/g, (_, t: string) => `"${t} ${n}"`);
    ex.request = { ...ex.request, body: Buffer.from(body), bodySize: Buffer.byteLength(body) };
  }
  const query = proto.request.query.replace(/=([^&]*)/g, (_, t: string) => `=${t}${n}`);
  ex.request = { ...ex.request, query, url: `${proto.request.path}?${query}`, headers: { ...proto.request.headers, cookie: `session=${n.toString(16)}4f9a8b7c; theme=dark` } };
  return ex;
}

function cpuMicros(inspect: Inspect, proto: Exchange, cold: boolean): number {
  const batch = Array.from({ length: BATCH }, () => (cold ? fresh(proto) : copyOf(proto)));
  const t = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) inspect(batch[i]!);
  const d = process.cpuUsage(t);
  return (d.user + d.system) / BATCH;
}

for (const [name, make] of [['GET', typicalGet], ['POST 2 KB JSON', typicalPost]] as const) {
  for (const cold of [false, true]) {
    const proto = make();
    for (const [, inspect] of engines) for (let i = 0; i < 1500; i++) inspect(cold ? fresh(proto) : copyOf(proto));
    const best = engines.map(() => Infinity);
    for (let r = 0; r < rounds; r++) engines.forEach(([, inspect], k) => (best[k] = Math.min(best[k]!, cpuMicros(inspect, proto, cold))));
    console.log(`${name}${cold ? ' (every value new)' : ' (repeated)'}: ${engines.map(([n], k) => `${n} ${best[k]!.toFixed(1)} µs`).join(', ')}${base ? ` (${((100 * best[1]!) / best[0]!).toFixed(0)}%)` : ''}`);
  }
}
