import { renameSync, writeFileSync } from 'node:fs';
import { Document, isMap, isScalar, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseConfig } from '../config/load.js';
import type { Exclusion } from './route-detect.js';

// Accepted exclusions written where the gateway reads them: the route's `detect.exclusions` in the policy file,
// through the YAML Document API so that comments and layout stay as the user wrote them.

export interface AcceptedExclusion {
  id: string;
  route: string;
  exclusion: Exclusion;
  /** One line said beside the entry (what it covers, what the replay found). */
  note: string;
}

export class PolicyWriteError extends Error {}

function exclusionNode(doc: Document, a: AcceptedExclusion): YAMLMap {
  const plain: Record<string, string> = {};
  if (a.exclusion.rule !== undefined) plain.rule = a.exclusion.rule;
  if (a.exclusion.category !== undefined) plain.category = a.exclusion.category;
  if (a.exclusion.location !== undefined) plain.location = a.exclusion.location;
  const node = doc.createNode(plain) as YAMLMap;
  node.flow = true;
  for (const pair of node.items) if (isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
  node.comment = ` vigil tune ${a.id}: ${a.note}`;
  return node;
}

function same(node: unknown, x: Exclusion): boolean {
  if (!isMap(node)) return false;
  const v = node.toJSON() as Exclusion;
  return v.rule === x.rule && v.category === x.category && v.location === x.location;
}

/**
 * The policy text with each exclusion appended to its route's `detect.exclusions` (entries already there are kept
 * once). A route without a `detect` block gets one copied from `defaults.detect`, since a route's block replaces the
 * defaults' whole. The result is checked as a policy before it is returned.
 */
export function addExclusions(text: string, file: string, accepted: readonly AcceptedExclusion[]): { text: string; added: number } {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new PolicyWriteError(`${file}: cannot edit: ${doc.errors[0]!.message.split('\n')[0]}`);
  const routes = doc.get('routes', true);
  let added = 0;
  for (const a of accepted) {
    const route = isSeq(routes) ? (routes.items.find((r) => isMap(r) && r.get('name') === a.route) as YAMLMap | undefined) : undefined;
    if (!route) throw new PolicyWriteError(`${file}: no route named "${a.route}" to add exclusion ${a.id} to`);
    let detect: unknown = route.get('detect', true);
    if (detect === undefined) {
      const defaults = doc.getIn(['defaults', 'detect'], true);
      const base = isMap(defaults) ? (defaults.toJSON() as Record<string, unknown>) : {};
      const created = doc.createNode({ ...base, exclusions: base.exclusions ?? [] }) as YAMLMap;
      if (isMap(defaults)) created.commentBefore = ' copied from defaults.detect by vigil tune: a route-level detect block replaces the defaults';
      route.set('detect', created);
      detect = created;
    }
    if (!isMap(detect)) throw new PolicyWriteError(`${file}: routes "${a.route}" detect is not a mapping`);
    let list: unknown = detect.get('exclusions', true);
    if (list === undefined) {
      const created = doc.createNode([]) as YAMLSeq;
      if (detect.flow) created.flow = true;
      detect.set('exclusions', created);
      list = created;
    }
    if (!isSeq(list)) throw new PolicyWriteError(`${file}: routes "${a.route}" detect.exclusions is not a list`);
    if (list.items.some((n) => same(n, a.exclusion))) continue;
    list.items.push(exclusionNode(doc, a));
    added++;
  }
  const out = doc.toString();
  // refuse to leave a policy the gateway would not load
  parseConfig(out, file);
  return { text: out, added };
}

/** The accepted exclusions as a YAML patch to merge by hand: the same shape as the policy's routes. */
export function exclusionsPatch(accepted: readonly AcceptedExclusion[], policyFile: string): string {
  const doc = new Document({});
  const byRoute = new Map<string, AcceptedExclusion[]>();
  for (const a of accepted) (byRoute.get(a.route) ?? byRoute.set(a.route, []).get(a.route)!).push(a);
  const routes = doc.createNode([...byRoute].map(([name]) => ({ name, detect: { exclusions: [] } }))) as YAMLSeq<YAMLMap>;
  routes.items.forEach((item, i) => {
    const list = item.getIn(['detect', 'exclusions'], true) as YAMLSeq;
    for (const a of [...byRoute.values()][i]!) list.items.push(exclusionNode(doc, a));
  });
  doc.set('routes', routes);
  doc.commentBefore = ` vigil tune: exclusions accepted ${new Date().toISOString()} for ${policyFile}\n merge each under the route's detect.exclusions`;
  return doc.toString();
}

/** Written beside and renamed over: a reader never sees half a file. */
export function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.vigil-tune-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
