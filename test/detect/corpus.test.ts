import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exchangesFromHar } from '../../src/capture/har/har.js';
import { inspectExchange } from '../../src/detect/engine.js';
import { totalScore } from '../../src/detect/score.js';

// Quality floors, set at what the engine measurably achieves (see docs/detection.md), so a change that loses
// detections or adds false positives fails here. The CRS suite lives in ../shared (converted here to a HAR).

const root = resolve(import.meta.dirname, '../../..');
const crs = resolve(root, '../shared/corpora/crs-regression');
const converter = resolve(root, '../shared/corpora/crs-to-har.mjs');

test('CRS regression suite: recall on attack families 930-944 and negatives flagged', { skip: !existsSync(converter) && 'the shared CRS corpus (../shared/corpora) is not present' }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-crs-'));
  try {
    execFileSync(process.execPath, [converter, crs, tmp], { cwd: root, stdio: 'ignore' });
    const labels = JSON.parse(readFileSync(join(tmp, 'crs-regression.labels.json'), 'utf8')) as { family: string; expectDetection: boolean }[];
    const { exchanges, problems } = exchangesFromHar(readFileSync(join(tmp, 'crs-regression.har'), 'utf8'), 'crs');
    assert.equal(problems.length, 0);
    let pos = 0, tp = 0, neg = 0, fp = 0;
    const fam = new Map<string, [number, number]>();
    exchanges.forEach((ex, i) => {
      const l = labels[i]!;
      const f = Number(l.family);
      if (!(f >= 930 && f <= 944)) return;
      const attack = inspectExchange(ex).attack;
      if (l.expectDetection) {
        pos++;
        if (attack) tp++;
        const c = fam.get(l.family) ?? [0, 0];
        fam.set(l.family, [c[0] + (attack ? 1 : 0), c[1] + 1]);
      } else {
        neg++;
        if (attack) fp++;
      }
    });
    const recall = tp / pos;
    const negRate = fp / neg;
    assert.ok(recall >= 0.81, `recall ${(recall * 100).toFixed(1)}%`);
    // (most flagged negatives are payloads for another rule: obfuscated metadata IPs, ;cat /etc/passwd; see docs/detection.md)
    assert.ok(negRate <= 0.1, `negatives flagged ${(negRate * 100).toFixed(1)}%`);
    // every family is detected at least at this floor; the command/file/code families at their measured level
    const FLOORS: Record<string, number> = { '930': 0.98, '931': 0.55, '932': 0.79, '933': 0.87, '934': 0.93, '943': 1, '944': 0.94, '941': 0.9, '942': 0.73 };
    for (const [f, [t, p]] of fam) assert.ok(t / p >= (FLOORS[f] ?? 0.45), `family ${f}: ${t}/${p}`);
    // paranoia 2: more recall (single high-confidence findings block)
    let tp2 = 0;
    const fam2 = new Map<string, [number, number, number, number]>();
    exchanges.forEach((ex, i) => {
      const l = labels[i]!;
      const f = Number(l.family);
      if (!(f >= 930 && f <= 944)) return;
      const attack = inspectExchange(ex, { paranoia: 2 }).attack;
      if (l.expectDetection && attack) tp2++;
      const c = fam2.get(l.family) ?? [0, 0, 0, 0];
      if (l.expectDetection) fam2.set(l.family, [c[0] + (attack ? 1 : 0), c[1] + 1, c[2], c[3]]);
      else fam2.set(l.family, [c[0], c[1], c[2] + (attack ? 1 : 0), c[3] + 1]);
    });
    assert.ok(tp2 / pos >= 0.81, `paranoia 2 recall ${((100 * tp2) / pos).toFixed(1)}%`);
    // paranoia 2, SQL injection and XSS: recall (measured 78.3% and 91.8%) and negatives flagged (8.0%, 7.4%: one of the
    // XSS negatives is a bare '-->', 941181's comment-breakout probe filed under another rule)
    // Java (measured 94.6%, 0 of 33 negatives: class names that are only XML element or attribute names)
    for (const [f, min, maxNeg] of [['942', 0.78, 0.09], ['941', 0.91, 0.075], ['944', 0.94, 0.03]] as const) {
      const [t, p, fp, n] = fam2.get(f)!;
      assert.ok(t / p >= min, `paranoia 2 family ${f}: ${t}/${p}`);
      assert.ok(fp / n <= maxNeg, `paranoia 2 family ${f}: ${fp}/${n} negatives flagged`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('benign corpora: false-positive rate below 0.1%', () => {
  const dir = resolve(root, 'corpora/benign');
  let n = 0, flagged = 0;
  const examples: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.har'))) {
    const { exchanges } = exchangesFromHar(readFileSync(join(dir, f), 'utf8'), f);
    for (const ex of exchanges) {
      n++;
      const r = inspectExchange(ex);
      if (r.attack) {
        flagged++;
        examples.push(`${ex.request.url} ${JSON.stringify(r.findings[0])}`);
      }
    }
  }
  assert.ok(n >= 4000, `benign corpus has ${n} requests`);
  assert.ok(flagged / n < 0.001, `${flagged}/${n} flagged:\n${examples.slice(0, 5).join('\n')}`);
});

test('benign corpora at paranoia 2: SQL injection and XSS findings flag nothing outside the two fields that carry SQL', () => {
  // a deployment at paranoia 2 excludes the fields meant to carry code (saved queries, code snippets)
  const exclusions = [{ rule: 'sqli.statement', location: 'body:/sql' }, { rule: 'sqli.statement', location: 'body:/code' }];
  const dir = resolve(root, 'corpora/benign');
  const flagged: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.har'))) {
    for (const ex of exchangesFromHar(readFileSync(join(dir, f), 'utf8'), f).exchanges) {
      const mine = inspectExchange(ex, { paranoia: 2, exclusions }).findings.filter((x) => x.category === 'sqli' || x.category === 'xss');
      if (totalScore(mine) >= 5) flagged.push(`${ex.request.url} ${JSON.stringify(mine[0])}`);
    }
  }
  assert.equal(flagged.length, 0, flagged.slice(0, 5).join('\n'));
});
