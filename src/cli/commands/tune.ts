import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command.js';
import { UsageError } from '../command.js';
import { filterFrom } from '../traffic/filter-options.js';
import { loadConfig } from '../../config/load.js';
import { flaggedByDetection, openTuneStore, readWindow, StoreMissingError } from '../../tune/collect.js';
import { CorpusError, defaultCrsDir, loadCorpus, loadCrsCorpus, type AttackCorpus } from '../../tune/corpus.js';
import { jsonReport, textReport, type RunInfo } from '../../tune/report.js';
import { DEFAULT_TUNE, replayTogether, tune, type Proposal, type TuneResult } from '../../tune/tune.js';
import { addExclusions, exclusionsPatch, PolicyWriteError, writeAtomically, type AcceptedExclusion } from '../../tune/write-policy.js';

function numberOption(v: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

interface CorpusChoice {
  corpus?: AttackCorpus;
  problem?: string;
}

function chooseCorpus(v: { corpus?: string; labels?: string; 'no-corpus'?: boolean }): CorpusChoice {
  if (v['no-corpus']) return { problem: 'turned off with --no-corpus' };
  if (v.corpus) {
    const labels = v.labels ?? v.corpus.replace(/\.har$/i, '') + '.labels.json';
    try {
      return { corpus: loadCorpus(v.corpus, labels) };
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (v.labels) throw new UsageError('--labels goes with --corpus');
  const dir = defaultCrsDir();
  if (!dir) return { problem: 'no attack corpus found (../shared/corpora/crs-regression is not here; give --corpus HAR --labels JSON)' };
  try {
    return { corpus: loadCrsCorpus(dir) };
  } catch (e) {
    if (e instanceof CorpusError) return { problem: e.message };
    throw e;
  }
}

function note(p: Proposal): string {
  const a = p.attacks;
  const attacks = a.skipped ? 'attack replay skipped' : `lets through ${a.letThrough}/${a.caught} attacks`;
  return `${p.group.exchanges} exchanges, ${p.group.clients} clients, ${p.group.days} day(s); ${attacks}; accepted ${new Date().toISOString().slice(0, 10)}`;
}

/** The proposals asked for, or why none may be written. */
function accepted(result: TuneResult, accept: string, force: boolean): { ok: Proposal[]; refusals: string[] } {
  const wanted = accept === 'all' ? result.proposals.map((p) => p.group.id) : accept.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted.length) throw new UsageError('--accept needs proposal ids (comma-separated) or all');
  const ok: Proposal[] = [];
  const refusals: string[] = [];
  for (const id of wanted) {
    const p = result.proposals.find((x) => x.group.id === id);
    const g = result.refused.find((x) => x.id === id);
    if (p) {
      if (p.unsafe.length && !force) refusals.push(`${id}: ${p.unsafe.join('; ')}`);
      else ok.push(p);
    } else if (g) refusals.push(`${id}: not proposed (${g.refused.join('; ')})`);
    else refusals.push(`${id}: no such proposal in this window`);
  }
  return { ok, refusals };
}

export const tuneCommand: Command = {
  name: 'tune',
  usage: `Usage: vigil tune -c vigil.yaml [--since 7d] [--until DATE] [--route NAME] [--json]
                  [--accept ID[,ID]|all [--write FILE] [--force]]

Proposes detection exclusions from recorded false positives: flagged findings grouped by route, rule and location
(array indices and ids generalised), from enough clients and without the marks of an attack. Each proposal is
replayed before it can be accepted: on the window's recorded traffic (what it clears) and with every labelled attack
placed at its location on a recorded request (what it would let through).

  --db FILE              recorded traffic (default: the policy's store)
  --min-clients N        distinct clients a false positive needs (default ${DEFAULT_TUNE.minClients})
  --corpus HAR           labelled attacks (default: ../shared/corpora/crs-regression, converted)
  --labels JSON          their labels (default: HAR name with .labels.json)
  --no-corpus            skip the attack replay (proposals are then not accepted without --force)
  --max-let-through PCT  refuse a proposal that lets through more than PCT% of the attacks caught at its location (default ${DEFAULT_TUNE.maxLetThroughPct})
  --accept IDS|all       accept proposals: written into the policy file under each route's detect.exclusions
  --write FILE           write accepted exclusions to FILE instead: the policy file itself, or a YAML patch
  --force                accept proposals the replay found unsafe or could not check
  --limit N              at most N recorded exchanges (default 200000)

Exit: 0 ok, 1 an accepted proposal was refused (nothing written), 2 usage or configuration error.`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        db: { type: 'string' },
        since: { type: 'string', default: '7d' },
        until: { type: 'string' },
        route: { type: 'string' },
        json: { type: 'boolean', default: false },
        'min-clients': { type: 'string' },
        corpus: { type: 'string' },
        labels: { type: 'string' },
        'no-corpus': { type: 'boolean', default: false },
        'max-let-through': { type: 'string' },
        accept: { type: 'string' },
        write: { type: 'string' },
        force: { type: 'boolean', default: false },
        limit: { type: 'string' },
      },
    });
    if (!values.config) throw new UsageError('give the policy file with -c vigil.yaml');
    const opts = {
      ...DEFAULT_TUNE,
      minClients: numberOption(values['min-clients'], 'min-clients', 1, 1e6, DEFAULT_TUNE.minClients),
      maxLetThroughPct: numberOption(values['max-let-through'], 'max-let-through', 0, 100, DEFAULT_TUNE.maxLetThroughPct),
    };
    const limit = numberOption(values.limit, 'limit', 1, 1e8, 200_000);
    const filter = filterFrom({ since: values.since, until: values.until, route: values.route });
    const cfg = loadConfig(values.config);
    let store;
    try {
      store = await openTuneStore(cfg, values.db);
    } catch (e) {
      if (e instanceof StoreMissingError) throw new UsageError(e.message);
      throw e;
    }
    let window;
    try {
      window = await readWindow(store, filter, limit);
    } finally {
      await store.close();
    }
    const choice: CorpusChoice = window.records.some(flaggedByDetection) ? chooseCorpus(values) : { problem: 'not needed: nothing flagged' };
    const result = tune(cfg, window.records, choice.corpus, opts, choice.problem);
    const info: RunInfo = {
      policy: values.config,
      since: filter.since,
      until: filter.until,
      route: values.route,
      records: window.records.length,
      truncated: window.truncated,
      corpus: choice.corpus ? { source: choice.corpus.source, cases: choice.corpus.cases, payloads: choice.corpus.payloads.length } : { skipped: choice.problem },
      maxLetThroughPct: opts.maxLetThroughPct,
    };
    if (!values.accept) {
      console.log(values.json ? jsonReport(result, info) : textReport(result, info));
      if (values.write) console.error('vigil tune: nothing written: accept proposals with --accept ID[,ID] or --accept all');
      return 0;
    }
    const { ok, refusals } = accepted(result, values.accept, values.force);
    if (!refusals.length && !values.force) refusals.push(...replayTogether(cfg, ok, choice.corpus, opts));
    if (refusals.length) {
      console.log(values.json ? jsonReport(result, info) : textReport(result, info));
      console.error(`vigil tune: nothing written; refused:\n${refusals.map((r) => `  ${r}`).join('\n')}`);
      return 1;
    }
    const entries: AcceptedExclusion[] = ok.map((p) => ({ id: p.group.id, route: p.group.route!, exclusion: p.group.exclusion, note: note(p) }));
    const target = resolve(values.write ?? values.config);
    const intoPolicy = target === resolve(values.config);
    let added = entries.length;
    let reprinted = false;
    try {
      if (intoPolicy) {
        const edited = addExclusions(readFileSync(target, 'utf8'), values.config, entries);
        added = edited.added;
        reprinted = edited.reprinted;
        if (added) writeAtomically(target, edited.text);
      } else writeAtomically(target, exclusionsPatch(entries, values.config));
    } catch (e) {
      if (e instanceof PolicyWriteError) {
        console.error(`vigil tune: ${e.message}`);
        return 2;
      }
      throw e;
    }
    const ids = entries.map((e) => e.id);
    if (values.json) console.log(jsonReport(result, info, { file: target, ids }));
    else {
      console.log(textReport(result, info));
      console.log(
        intoPolicy
          ? `\nwrote ${added} exclusion(s) (${ids.join(', ')}) into ${target}${added < entries.length ? ` (${entries.length - added} already there)` : ''}${reprinted ? ' (a flow-style block was edited: the file was re-printed, comments kept)' : ''}; reload the gateway (SIGHUP) to apply`
          : `\nwrote ${entries.length} exclusion(s) (${ids.join(', ')}) as a YAML patch to ${target}`,
      );
    }
    return 0;
  },
};
