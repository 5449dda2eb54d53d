// Per-rule statistics on the CRS suite and the benign corpora: for each rule, how many attack cases it fires on
// (and how many of those are not flagged), how many negative cases and benign requests it fires on. Shows which
// rules carry recall and which carry false positives. Usage: node dist/bench/detection/rules.js [--paranoia N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exchangesFromHar } from '../../src/capture/har/har.js';
import { inspectExchange } from '../../src/detect/engine.js';

const root = resolve(import.meta.dirname, '../../..');
const shared = resolve(root, '../shared');
const args = process.argv.slice(2);
const paranoia = args.includes('--paranoia') ? Number(args[args.indexOf('--paranoia') + 1]) : 1;

interface Row {
  atk: number;
  atkMissed: number;
  neg: number;
  benign: number;
}
const rows = new Map<string, Row>();
const row = (r: string): Row => {
  let x = rows.get(r);
  if (!x) rows.set(r, (x = { atk: 0, atkMissed: 0, neg: 0, benign: 0 }));
  return x;
};

const tmp = mkdtempSync(join(tmpdir(), 'vigil-rules-'));
try {
  execFileSync(process.execPath, [join(shared, 'corpora/crs-to-har.mjs'), join(shared, 'corpora/crs-regression'), tmp], { cwd: root, stdio: 'ignore' });
  const labels = JSON.parse(readFileSync(join(tmp, 'crs-regression.labels.json'), 'utf8')) as { family: string; expectDetection: boolean }[];
  const { exchanges } = exchangesFromHar(readFileSync(join(tmp, 'crs-regression.har'), 'utf8'), 'crs');
  exchanges.forEach((ex, i) => {
    const l = labels[i]!;
    const f = Number(l.family);
    if (!(f >= 930 && f <= 944)) return;
    const r = inspectExchange(ex, { paranoia });
    for (const rule of new Set(r.findings.map((x) => `${x.rule}:${x.score}`))) {
      const x = row(rule);
      if (l.expectDetection) {
        x.atk++;
        if (!r.attack) x.atkMissed++;
      } else x.neg++;
    }
  });
  const dir = join(root, 'corpora/benign');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.har'))) {
    for (const ex of exchangesFromHar(readFileSync(join(dir, f), 'utf8'), f).exchanges) {
      for (const rule of new Set(inspectExchange(ex, { paranoia }).findings.map((x) => `${x.rule}:${x.score}`))) row(rule).benign++;
    }
  }
  console.log('rule:score                         attacks  (not flagged)  negatives  benign');
  for (const [r, x] of [...rows].sort((a, b) => b[1].atk - a[1].atk)) console.log(`${r.padEnd(36)} ${String(x.atk).padStart(6)} ${String(x.atkMissed).padStart(10)} ${String(x.neg).padStart(12)} ${String(x.benign).padStart(7)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
