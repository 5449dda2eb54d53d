// Prints the CRS regression cases Vigil misses (attacks not flagged) and the negative cases it flags, with their
// payloads, to see what to generalise. Usage: node dist/bench/detection/misses.js [--paranoia N] [--family 942]
//   [--flagged] (negatives flagged instead of misses) [--hits] (attacks flagged, with the top finding)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exchangesFromHar } from '../../src/capture/har/har.js';
import { inspectExchange } from '../../src/detect/engine.js';

const root = resolve(import.meta.dirname, '../../..');
const shared = resolve(root, '../shared');
const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const paranoia = Number(opt('--paranoia') ?? 1);
const family = opt('--family');
const flaggedMode = args.includes('--flagged');
const hitsMode = args.includes('--hits');

const tmp = mkdtempSync(join(tmpdir(), 'vigil-misses-'));
try {
  execFileSync(process.execPath, [join(shared, 'corpora/crs-to-har.mjs'), join(shared, 'corpora/crs-regression'), tmp], { cwd: root, stdio: 'ignore' });
  const labels = JSON.parse(readFileSync(join(tmp, 'crs-regression.labels.json'), 'utf8')) as { rule: string; family: string; expectDetection: boolean }[];
  const { exchanges } = exchangesFromHar(readFileSync(join(tmp, 'crs-regression.har'), 'utf8'), 'crs');
  let n = 0;
  exchanges.forEach((ex, i) => {
    const l = labels[i]!;
    const f = Number(l.family);
    if (!(f >= 930 && f <= 944)) return;
    if (family && l.family !== family) return;
    const r = inspectExchange(ex, { paranoia });
    const show = flaggedMode ? !l.expectDetection && r.attack : hitsMode ? l.expectDetection && r.attack : l.expectDetection && !r.attack;
    if (!show) return;
    n++;
    const body = ex.request.body ? ` BODY ${ex.request.body.toString('latin1').slice(0, 300)}` : '';
    let url = ex.request.url;
    try {
      url = decodeURIComponent(url);
    } catch {
      /* keep raw */
    }
    const top = r.findings[0] ? ` => ${r.score} ${r.findings[0].rule}@${r.findings[0].location} [${r.findings[0].evidence}]` : r.findings.length ? '' : '';
    const hdr = Object.entries(ex.request.headers)
      .filter(([k]) => !['host', 'accept', 'content-type', 'content-length', 'connection', 'accept-encoding', 'proxy-connection', 'accept-language', 'cache-control', 'pragma'].includes(k))
      .map(([k, v]) => `${k}: ${String(v).slice(0, 200)}`)
      .join(' | ');
    console.log(`${l.rule} ${ex.request.method} ${url.slice(0, 300)}${body}${hdr ? ` HDR ${hdr}` : ''}${top}${!flaggedMode && !hitsMode && r.findings.length ? ` (score ${r.score}: ${r.findings.map((x) => x.rule).join(',')})` : ''}`);
  });
  console.error(`${n} cases`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
