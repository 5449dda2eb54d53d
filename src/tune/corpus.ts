import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exchangesFromHar } from '../capture/har/har.js';
import { inspectExchange } from '../detect/engine.js';
import { extractValues } from '../detect/extract/index.js';

// Labelled attacks for the replay: the payload of each attack case (the value its finding points at), with its
// family. The default corpus is the OWASP CRS regression suite, converted to a labelled HAR when it is found.

export interface AttackPayload {
  family: string;
  text: string;
}

export interface AttackCorpus {
  /** Where the payloads came from, for the report. */
  source: string;
  cases: number;
  payloads: AttackPayload[];
}

/** CRS rule families that are injection attacks a field can carry (930–944), by name. */
export const FAMILIES: Record<string, string> = {
  '930': 'lfi',
  '931': 'rfi',
  '932': 'rce',
  '933': 'php',
  '934': 'generic',
  '941': 'xss',
  '942': 'sqli',
  '943': 'session-fixation',
  '944': 'java',
};

interface Label {
  family: string | null;
  expectDetection: boolean;
}

export class CorpusError extends Error {}

/** A value location as extraction names it (findings inside a value point below it). */
function outerLocation(location: string): string {
  const i = location.indexOf('>');
  return i < 0 ? location : location.slice(0, i);
}

/** Payloads of a labelled HAR: each attack case's strongest finding's value, or its longest value when missed. */
export function loadCorpus(harFile: string, labelsFile: string): AttackCorpus {
  let harText: string;
  let labels: Label[];
  try {
    harText = readFileSync(harFile, 'utf8');
    labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Label[];
  } catch (e) {
    throw new CorpusError(`cannot read the attack corpus: ${(e as Error).message}`);
  }
  if (!Array.isArray(labels)) throw new CorpusError(`${labelsFile}: expected a JSON array of labels`);
  const { exchanges } = exchangesFromHar(harText, harFile);
  if (exchanges.length !== labels.length) throw new CorpusError(`${labelsFile}: ${labels.length} labels for ${exchanges.length} HAR entries`);
  const seen = new Set<string>();
  const payloads: AttackPayload[] = [];
  let cases = 0;
  exchanges.forEach((ex, i) => {
    const label = labels[i]!;
    // CRS family numbers by name; a corpus of its own may label families by name directly
    const family = typeof label.family !== 'string' ? undefined : (FAMILIES[label.family] ?? (/^\d+$/.test(label.family) ? undefined : label.family));
    if (!label.expectDetection || !family) return;
    cases++;
    const values = extractValues(ex).filter((v) => v.kind !== 'xml-doc');
    const top = inspectExchange(ex, { paranoia: 4 }).findings.find((f) => f.location !== 'request');
    const at = top ? outerLocation(top.location) : undefined;
    const hit = at === undefined ? undefined : values.find((v) => v.location === at);
    const text = hit?.text ?? values.filter((v) => v.kind === 'query' || v.kind === 'body' || v.kind === 'raw-body').sort((a, b) => b.text.length - a.text.length)[0]?.text;
    if (!text || seen.has(text)) return;
    seen.add(text);
    payloads.push({ family, text });
  });
  return { source: harFile, cases, payloads };
}

/** `../shared/corpora/crs-regression` beside the project (or the working directory), when present. */
export function defaultCrsDir(): string | undefined {
  const projectRoot = resolve(import.meta.dirname, '../../..');
  for (const base of [projectRoot, process.cwd()]) {
    const dir = resolve(base, '../shared/corpora/crs-regression');
    if (existsSync(dir) && existsSync(resolve(dir, '../crs-to-har.mjs'))) return dir;
  }
  return undefined;
}

/** Where the payloads of a converted suite are kept between runs (the conversion takes seconds). */
function cachePath(dir: string, script: string): string {
  const key = createHash('sha256')
    // the engine locates each payload: a rebuilt engine locates afresh
    .update(`${CACHE_VERSION}\0${dir}\0${statSync(dir).mtimeMs}\0${statSync(script).mtimeMs}\0${statSync(ENGINE).mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  return join(tmpdir(), `vigil-tune-corpus-${key}.json`);
}

const CACHE_VERSION = 1;
const ENGINE = resolve(import.meta.dirname, '../detect/engine.js');

/** Converts the CRS regression suite into a labelled HAR (its own script) and loads it; the payloads are cached. */
export function loadCrsCorpus(dir: string): AttackCorpus {
  const script = resolve(dir, '../crs-to-har.mjs');
  const cache = cachePath(dir, script);
  try {
    const cached = JSON.parse(readFileSync(cache, 'utf8')) as AttackCorpus;
    if (Array.isArray(cached.payloads)) return cached;
  } catch {
    /* not cached yet */
  }
  const tmp = mkdtempSync(join(tmpdir(), 'vigil-tune-'));
  try {
    const projectRoot = resolve(import.meta.dirname, '../../..');
    execFileSync(process.execPath, [script, dir, tmp], { cwd: projectRoot, stdio: 'ignore' });
    const corpus = { ...loadCorpus(join(tmp, 'crs-regression.har'), join(tmp, 'crs-regression.labels.json')), source: `${dir} (CRS regression suite)` };
    try {
      writeFileSync(`${cache}.${process.pid}`, JSON.stringify(corpus));
      renameSync(`${cache}.${process.pid}`, cache);
    } catch {
      /* a cache that cannot be written costs the next run a conversion */
    }
    return corpus;
  } catch (e) {
    if (e instanceof CorpusError) throw e;
    throw new CorpusError(`cannot convert ${dir}: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
