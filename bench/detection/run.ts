// Detection quality and speed, in one run (keep it short: the machine is shared):
//  1. converts the OWASP CRS regression suite to a labelled HAR (../shared/corpora/crs-to-har.mjs);
//  2. scores `vigil inspect --json` on it: recall per attack family 930–944, share of negative cases flagged;
//  3. false-positive rate on the benign corpora (corpora/benign/*.har) and on developer prose that is not in the repo
//     (the READMEs of the installed npm packages, readme-prose.ts);
//  4. when nginx + ModSecurity + CRS is installed, scores the peer on the same requests (PL1, block mode) side by side;
//  5. inspection throughput on one core for typical API requests.
// Usage: node dist/bench/detection/run.js [--paranoia N] [--no-peer]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { inspectExchange } from '../../src/detect/engine.js';
import { copyOf, typicalGet, typicalPost } from './typical.js';
import { writeReadmeProseHar } from './readme-prose.js';

const root = resolve(import.meta.dirname, '../../..');
const shared = resolve(root, '../shared');
const args = process.argv.slice(2);
const paranoia = args.includes('--paranoia') ? Number(args[args.indexOf('--paranoia') + 1]) : 1;
const withPeer = !args.includes('--no-peer');

interface Label {
  family: string | null;
  expectDetection: boolean;
}

function inspectFlags(har: string): boolean[] {
  const out = execFileSync(process.execPath, [join(root, 'bin/vigil.js'), 'inspect', har, '--json', '--paranoia', String(paranoia)], { maxBuffer: 1 << 28, encoding: 'utf8' });
  const flags: boolean[] = [];
  for (const line of out.split('\n')) if (line) flags[(JSON.parse(line) as { index: number }).index] = (JSON.parse(line) as { attack: boolean }).attack;
  return flags;
}

interface Tally {
  pos: number;
  tp: number;
  neg: number;
  fp: number;
}

function tally(labels: Label[], flags: boolean[]): Map<string, Tally> {
  const by = new Map<string, Tally>();
  labels.forEach((l, i) => {
    const f = Number(l.family);
    if (!(f >= 930 && f <= 944)) return;
    const t = by.get(String(f)) ?? { pos: 0, tp: 0, neg: 0, fp: 0 };
    if (l.expectDetection) {
      t.pos++;
      if (flags[i]) t.tp++;
    } else {
      t.neg++;
      if (flags[i]) t.fp++;
    }
    by.set(String(f), t);
  });
  return by;
}

const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : '-').padStart(6);

function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * The peer's replayer (../shared/peers/replay-har.js) writes a body's text as latin1, byte per character: right for
 * the CRS cases (raw bytes), wrong for the benign captures' Unicode text (an accented name became an invalid UTF-8
 * byte, and ModSecurity refused the JSON: 275 of its 652 "false positives" on api-traffic.har were that). A copy
 * whose bodies are the latin1 spelling of their UTF-8 bytes is replayed byte-exact, as Vigil reads them.
 */
function utf8ForReplay(har: string, dir: string): string {
  const doc = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { request: { postData?: { text?: string } } }[] } };
  for (const e of doc.log.entries) {
    const pd = e.request.postData;
    if (pd && typeof pd.text === 'string') pd.text = Buffer.from(pd.text, 'utf8').toString('latin1');
  }
  const out = join(dir, `replay-${basename(har)}`);
  writeFileSync(out, JSON.stringify(doc));
  return out;
}

async function peerFlags(hars: string[]): Promise<boolean[][] | undefined> {
  if (!existsSync('/usr/sbin/nginx') && !existsSync('/usr/bin/nginx')) return undefined;
  const upPort = 20000 + Math.floor(Math.random() * 5000);
  const ngPort = upPort + 5000;
  const up: ChildProcess = spawn(process.execPath, [join(shared, 'peers/upstream.js'), String(upPort)], { stdio: 'ignore' });
  try {
    await wait(300);
    execFileSync('bash', [join(shared, 'peers/nginx-modsec.sh'), 'start', String(ngPort), String(upPort), 'block', String(paranoia)], { stdio: 'ignore', env: { ...process.env, WORKERS: '2' } });
    await wait(500);
    return hars.map((har) => {
      const out = execFileSync(process.execPath, [join(shared, 'peers/replay-har.js'), har, `http://127.0.0.1:${ngPort}`, '--concurrency', '8', '--blocked', '403,400,413,414'], { maxBuffer: 1 << 28, encoding: 'utf8' });
      const flags: boolean[] = [];
      for (const line of out.split('\n')) if (line) {
        const o = JSON.parse(line) as { index: number; blocked: boolean };
        flags[o.index] = o.blocked;
      }
      return flags;
    });
  } catch (e) {
    console.error(`peer not measured: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  } finally {
    try {
      execFileSync('bash', [join(shared, 'peers/nginx-modsec.sh'), 'stop', String(ngPort)], { stdio: 'ignore' });
    } catch {
      /* already stopped */
    }
    up.kill();
  }
}

/**
 * Inspections per second on one core for a typical request. The machine is shared, so the figure is the best of many
 * short batches (the batch least disturbed by other processes), not the mean.
 */
function throughput(): { get: number; post: number } {
  const run = (make: () => ReturnType<typeof typicalGet>): number => {
    const proto = make();
    for (let i = 0; i < 2000; i++) inspectExchange(copyOf(proto));
    let best = Infinity;
    const t0 = performance.now();
    while (performance.now() - t0 < 1500) {
      const b = performance.now();
      for (let i = 0; i < 100; i++) inspectExchange(copyOf(proto));
      best = Math.min(best, (performance.now() - b) / 100);
    }
    return 1000 / best;
  };
  return { get: run(typicalGet), post: run(typicalPost) };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    execFileSync(process.execPath, [join(shared, 'corpora/crs-to-har.mjs'), join(shared, 'corpora/crs-regression'), tmp], { cwd: root, stdio: 'ignore' });
    const crsHar = join(tmp, 'crs-regression.har');
    const labels = JSON.parse(readFileSync(join(tmp, 'crs-regression.labels.json'), 'utf8')) as Label[];
    const benignDir = join(root, 'corpora/benign');
    const benign = readdirSync(benignDir).filter((f) => f.endsWith('.har')).map((f) => join(benignDir, f));
    const proseHar = join(tmp, 'readme-prose.har');
    const prose = writeReadmeProseHar(join(root, 'node_modules'), proseHar);
    benign.push(proseHar);

    const ours = tally(labels, inspectFlags(crsHar));
    const benignFlags = benign.map(inspectFlags);
    const peer = withPeer ? await peerFlags([crsHar, ...benign.map((h) => utf8ForReplay(h, tmp))]) : undefined;
    const theirs = peer ? tally(labels, peer[0]!) : undefined;

    console.log(`CRS regression suite, attack families 930-944, paranoia ${paranoia}   (recall = attacks flagged; neg = negative cases flagged)`);
    console.log(`family   cases+/-     vigil recall   vigil neg${theirs ? '   modsec recall   modsec neg' : ''}`);
    const sum = (m: Map<string, Tally>): Tally => [...m.values()].reduce((a, t) => ({ pos: a.pos + t.pos, tp: a.tp + t.tp, neg: a.neg + t.neg, fp: a.fp + t.fp }), { pos: 0, tp: 0, neg: 0, fp: 0 });
    for (const [f, t] of [...ours].sort()) {
      const p = theirs?.get(f);
      console.log(`${f}      ${`${t.pos}/${t.neg}`.padEnd(10)}   ${pct(t.tp, t.pos)}         ${pct(t.fp, t.neg)}${p ? `      ${pct(p.tp, p.pos)}          ${pct(p.fp, p.neg)}` : ''}`);
    }
    const a = sum(ours);
    const b = theirs ? sum(theirs) : undefined;
    console.log(`all      ${`${a.pos}/${a.neg}`.padEnd(10)}   ${pct(a.tp, a.pos)}         ${pct(a.fp, a.neg)}${b ? `      ${pct(b.tp, b.pos)}          ${pct(b.fp, b.neg)}` : ''}`);
    console.log('');
    benign.forEach((file, k) => {
      const f = benignFlags[k]!;
      const n = f.length;
      const flagged = f.filter(Boolean).length;
      const pf = peer?.[k + 1];
      const pflag = pf ? pf.filter(Boolean).length : 0;
      const name = file === proseHar ? `developer prose (README paragraphs of ${prose.packages} installed npm packages, not in the repo)` : file.slice(root.length + 1);
      console.log(`benign ${name}: ${n} requests, vigil flagged ${flagged} (${((100 * flagged) / n).toFixed(2)}%)${pf ? `, modsec flagged ${pflag} (${((100 * pflag) / n).toFixed(2)}%)` : ''}`);
    });
    const tp = throughput();
    console.log('');
    console.log(`inspect throughput, one core (best batch): GET with 3 query params ${Math.round(tp.get)} req/s (${(1e6 / tp.get).toFixed(1)} µs); 2 KB JSON POST ${Math.round(tp.post)} req/s (${(1e6 / tp.post).toFixed(1)} µs)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
