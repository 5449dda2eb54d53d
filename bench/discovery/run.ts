import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreTemplating } from './evaluate.js';
import { scoreSpecDiff } from './spec-diff.js';
import { synthesiseTraffic } from './synthesise.js';
import { toHar } from './har-writer.js';

// npm run bench:discovery [-- --har DIR]
// For every real spec in ../shared/corpora/openapi: traffic synthesised from the spec, discovery run without it,
// endpoint precision/recall of the reconstructed templates; then shadow/orphan exactness with 3 endpoints added
// and 3 removed. --har DIR also writes each spec's synthesised traffic as a HAR capture for `vigil discover`.

const corpora = fileURLToPath(new URL('../../../../shared/corpora/openapi/', import.meta.url));
const harIndex = process.argv.indexOf('--har');
const harDir = harIndex > 0 ? process.argv[harIndex + 1] : undefined;

const specs = readdirSync(corpora).filter((f) => /\.(json|ya?ml)$/.test(f)).sort();
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
console.log('spec                              ops  found  precision  recall  shadow/orphan exact   ms');
let worst = 1;
for (const name of specs) {
  const file = join(corpora, name);
  const t0 = performance.now();
  const score = scoreTemplating(file);
  const diff = scoreSpecDiff(file);
  const ms = performance.now() - t0;
  worst = Math.min(worst, score.precision, score.recall);
  console.log(`${name.padEnd(33)} ${String(score.operations).padStart(4)} ${String(score.discovered).padStart(6)} ${pct(score.precision).padStart(10)} ${pct(score.recall).padStart(7)}  ${String(diff.exact).padStart(19)} ${ms.toFixed(0).padStart(5)}`);
  for (const x of score.extra) console.log(`    extra:  ${x}`);
  for (const x of score.missed) console.log(`    missed: ${x}`);
  if (!diff.exact) console.log(`    shadows ${JSON.stringify(diff.shadows)} (expected ${JSON.stringify(diff.added)})\n    orphans ${JSON.stringify(diff.orphans)} (expected ${JSON.stringify(diff.removed)})`);
  if (harDir) {
    mkdirSync(harDir, { recursive: true });
    writeFileSync(join(harDir, name.replace(/\.[^.]+$/, '.har')), toHar(synthesiseTraffic(file).exchanges));
  }
}
console.log(`worst precision/recall: ${pct(worst)} (target 98%)`);
process.exitCode = worst >= 0.98 ? 0 : 1;
