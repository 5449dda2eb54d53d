// Checks that a change to the detection engine keeps every result identical: inspects every request of the CRS
// regression HAR, of corpora/benign/*.har and of developer prose (readme-prose.ts) at paranoia 1 and 2 and writes (or compares against) the JSON of each
// result (attack, score, findings with category, rule, location, evidence).
// Usage: node dist/bench/detection/same-results.js --write BASELINE.jsonl [--engine path/to/engine.js]
//        node dist/bench/detection/same-results.js --check BASELINE.jsonl
// --engine loads another build's engine (e.g. a copy of main's dist) to write the baseline with the old code.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exchangesFromHar } from '../../src/capture/har/har.js';
import type { Exchange } from '../../src/exchange/exchange.js';
import type { InspectResult } from '../../src/detect/types.js';
import { writeReadmeProseHar } from './readme-prose.js';

const root = resolve(import.meta.dirname, '../../..');
const shared = resolve(root, '../shared');
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const writeTo = opt('--write');
const checkAgainst = opt('--check');
if (!writeTo === !checkAgainst) {
  console.error('usage: same-results --write FILE | --check FILE [--engine ENGINE.js]');
  process.exit(2);
}
const enginePath = resolve(opt('--engine') ?? join(root, 'dist/src/detect/engine.js'));
const { inspectExchange } = (await import(pathToFileURL(enginePath).href)) as { inspectExchange: (ex: Exchange, o: { paranoia: number }) => InspectResult };

function crsHar(): string {
  const dir = join(tmpdir(), 'vigil-same-results-crs');
  const har = join(dir, 'crs-regression.har');
  if (!existsSync(har)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(process.execPath, [join(shared, 'corpora/crs-to-har.mjs'), join(shared, 'corpora/crs-regression'), dir], { cwd: root, stdio: 'ignore' });
  }
  return har;
}

/** Developer prose (README paragraphs of the installed packages): code named in sentences, the look-alikes prefilters meet. */
function proseHar(): string {
  const har = join(tmpdir(), 'vigil-same-results-prose.har');
  writeReadmeProseHar(join(root, 'node_modules'), har);
  return har;
}

const benignDir = join(root, 'corpora/benign');
const hars = [crsHar(), ...readdirSync(benignDir).filter((f) => f.endsWith('.har')).sort().map((f) => join(benignDir, f)), proseHar()];
const lines: string[] = [];
for (const har of hars) {
  const text = readFileSync(har, 'utf8');
  for (const paranoia of [1, 2]) {
    // fresh exchanges per run: bodies are parsed and cached per exchange object
    const { exchanges } = exchangesFromHar(text, 'same-results');
    exchanges.forEach((ex, i) => {
      const r = inspectExchange(ex, { paranoia });
      const findings = r.findings.map((f) => ({ category: f.category, rule: f.rule, location: f.location, evidence: f.evidence, score: f.score }));
      lines.push(JSON.stringify({ har: har.slice(har.lastIndexOf('/') + 1), paranoia, i, attack: r.attack, score: r.score, findings }));
    });
  }
}

if (writeTo) {
  writeFileSync(writeTo, `${lines.join('\n')}\n`);
  console.log(`${lines.length} results written to ${writeTo}`);
} else {
  const base = readFileSync(checkAgainst!, 'utf8').split('\n').filter(Boolean);
  let diff = 0;
  if (base.length !== lines.length) console.log(`different number of results: ${base.length} before, ${lines.length} now`);
  for (let i = 0; i < Math.max(base.length, lines.length); i++) {
    if (base[i] === lines[i]) continue;
    if (++diff <= 10) console.log(`- ${base[i] ?? '(none)'}\n+ ${lines[i] ?? '(none)'}`);
  }
  console.log(diff || base.length !== lines.length ? `DIFFERENT: ${diff} of ${lines.length} results differ` : `SAME: ${lines.length} results identical`);
  process.exit(diff || base.length !== lines.length ? 1 : 0);
}
