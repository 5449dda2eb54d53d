import { renameSync, statSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseConfig } from '../config/load.js';
import type { Exclusion } from './route-detect.js';

// Accepted exclusions written where the gateway reads them: the route's `detect.exclusions` in the policy file.
// The YAML Document API finds the place; the new lines are spliced into the text as written, so comments, quoting
// and layout stay exactly as the user had them (the result is parsed back and compared before it is kept). Where
// no place can be spliced safely (flow-style blocks), the document is edited and re-printed, comments kept.

export interface AcceptedExclusion {
  id: string;
  route: string;
  exclusion: Exclusion;
  /** One line said beside the entry (what it covers, what the replay found). */
  note: string;
}

export class PolicyWriteError extends Error {}

const COPIED = "copied from defaults.detect by vigil tune: a route's detect block replaces the defaults'";

function plain(x: Exclusion): Record<string, string> {
  const out: Record<string, string> = {};
  if (x.rule !== undefined) out.rule = x.rule;
  if (x.category !== undefined) out.category = x.category;
  if (x.location !== undefined) out.location = x.location;
  return out;
}

/** `{ rule: "sqli.statement", location: "body:/q" }` (JSON strings are YAML double-quoted strings). */
function flowText(x: Exclusion): string {
  return `{ ${Object.entries(plain(x))
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ')} }`;
}

function commentText(a: AcceptedExclusion): string {
  return `vigil tune ${a.id}: ${a.note.replace(/[\r\n]+/g, ' ')}`;
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** The end of the line holding the last non-blank character before `pos` (a trailing comment stays on it). */
function endOfContent(text: string, pos: number): number {
  let p = pos;
  while (p > 0 && /\s/.test(text[p - 1]!)) p--;
  const nl = text.indexOf('\n', p);
  return nl < 0 ? text.length : nl;
}

/** The column of a node that starts its line (after an optional `- `), or undefined when it does not. */
function columnOf(text: string, node: YamlNode | undefined, dash: boolean): number | undefined {
  const start = node?.range?.[0];
  if (start === undefined) return undefined;
  const before = text.slice(lineStart(text, start), start);
  // a key may be the first of a list item (`  - name: x`): its column is after the dash
  const m = dash ? /^( *)- +$/.exec(before) : /^ *(- +)*$/.exec(before);
  return m ? (dash ? m[1]!.length : before.length) : undefined;
}

function rangeEnd(node: unknown): number | undefined {
  return (node as YamlNode | undefined)?.range?.[1];
}

function insert(text: string, at: number, lines: string[]): string {
  return `${text.slice(0, at)}\n${lines.join('\n')}${text.slice(at)}`;
}

/** The new lines spliced into the text, or undefined where the place is not plain block YAML. */
function splice(text: string, route: YAMLMap, defaults: Record<string, unknown> | undefined, a: AcceptedExclusion): string | undefined {
  const item = `${flowText(a.exclusion)} # ${commentText(a)}`;
  const detect = route.get('detect', true);
  if (detect === undefined) {
    if (route.flow || !route.items.length) return undefined;
    const col = columnOf(text, route.items[0]!.key as YamlNode, false);
    const end = rangeEnd(route.items[route.items.length - 1]!.value);
    if (col === undefined || end === undefined) return undefined;
    const ind = ' '.repeat(col);
    const base = defaults ?? {};
    const settings = Object.entries(base).filter(([k]) => k !== 'exclusions');
    const inherited = Array.isArray(base.exclusions) ? (base.exclusions as Exclusion[]) : [];
    const lines = [
      ...(defaults ? [`${ind}# ${COPIED}`] : []),
      `${ind}detect:`,
      ...settings.map(([k, v]) => `${ind}  ${k}: ${JSON.stringify(v)}`),
      `${ind}  exclusions:`,
      ...inherited.map((x) => `${ind}    - ${flowText(x)}`),
      `${ind}    - ${item}`,
    ];
    return insert(text, endOfContent(text, end), lines);
  }
  if (!isMap(detect) || detect.flow || !detect.items.length) return undefined;
  const list = detect.get('exclusions', true);
  if (list === undefined) {
    const col = columnOf(text, detect.items[0]!.key as YamlNode, false);
    const end = rangeEnd(detect.items[detect.items.length - 1]!.value);
    if (col === undefined || end === undefined) return undefined;
    const ind = ' '.repeat(col);
    return insert(text, endOfContent(text, end), [`${ind}exclusions:`, `${ind}  - ${item}`]);
  }
  if (!isSeq(list) || list.flow || !list.items.length) return undefined;
  const col = columnOf(text, list.items[0] as YamlNode, true);
  const end = rangeEnd(list.items[list.items.length - 1]);
  if (col === undefined || end === undefined) return undefined;
  return insert(text, endOfContent(text, end), [`${' '.repeat(col)}- ${item}`]);
}

/** The same edit on plain data: what the spliced text must parse to. */
function expected(before: unknown, routeIndex: number, defaults: Record<string, unknown> | undefined, x: Exclusion): unknown {
  const data = structuredClone(before) as { routes: Record<string, unknown>[] };
  const route = data.routes[routeIndex]!;
  const detect = (route.detect as Record<string, unknown> | undefined) ?? { ...(defaults ?? {}), exclusions: [...((defaults?.exclusions as Exclusion[] | undefined) ?? [])] };
  detect.exclusions = [...((detect.exclusions as Exclusion[] | undefined) ?? []), plain(x)];
  route.detect = detect;
  return data;
}

/** The Document API edit, re-printed (comments kept; spacing and flow brackets normalised). */
function reprint(doc: Document, route: YAMLMap, defaults: Record<string, unknown> | undefined, a: AcceptedExclusion, file: string): string {
  let detect: unknown = route.get('detect', true);
  if (detect === undefined) {
    const created = doc.createNode({ ...(defaults ?? {}), exclusions: defaults?.exclusions ?? [] }) as YAMLMap;
    if (defaults) created.commentBefore = ` ${COPIED}`;
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
  const node = doc.createNode(plain(a.exclusion)) as YAMLMap;
  node.flow = true;
  for (const pair of node.items) if (isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
  node.comment = ` ${commentText(a)}`;
  list.items.push(node);
  return doc.toString();
}

function addOne(text: string, file: string, a: AcceptedExclusion): { text: string; added: boolean; reprinted: boolean } {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new PolicyWriteError(`${file}: cannot edit: ${doc.errors[0]!.message.split('\n')[0]}`);
  const routes = doc.get('routes', true);
  const index = isSeq(routes) ? routes.items.findIndex((r) => isMap(r) && r.get('name') === a.route) : -1;
  if (index < 0) throw new PolicyWriteError(`${file}: no route named "${a.route}" to add exclusion ${a.id} to`);
  const route = (routes as YAMLSeq).items[index] as YAMLMap;
  const present = (route.toJSON() as { detect?: { exclusions?: Exclusion[] } }).detect?.exclusions ?? [];
  if (present.some((x) => isDeepStrictEqual(plain(x), plain(a.exclusion)))) return { text, added: false, reprinted: false };
  const defaultsNode = doc.getIn(['defaults', 'detect'], true);
  const defaults = isMap(defaultsNode) ? (defaultsNode.toJSON() as Record<string, unknown>) : undefined;
  const spliced = splice(text, route, defaults, a);
  if (spliced !== undefined) {
    const after = parseDocument(spliced);
    if (!after.errors.length && isDeepStrictEqual(after.toJS(), expected(doc.toJS(), index, defaults, a.exclusion))) return { text: spliced, added: true, reprinted: false };
  }
  return { text: reprint(doc, route, defaults, a, file), added: true, reprinted: true };
}

/**
 * The policy text with each exclusion appended to its route's `detect.exclusions` (entries already there are kept
 * once). A route without a `detect` block gets one copied from `defaults.detect`, since a route's block replaces the
 * defaults' whole. The result is checked as a policy before it is returned.
 */
export function addExclusions(text: string, file: string, accepted: readonly AcceptedExclusion[]): { text: string; added: number; reprinted: boolean } {
  let out = text;
  let added = 0;
  let reprinted = false;
  for (const a of accepted) {
    const r = addOne(out, file, a);
    out = r.text;
    if (r.added) added++;
    reprinted ||= r.reprinted;
  }
  // refuse to leave a policy the gateway would not load
  parseConfig(out, file);
  return { text: out, added, reprinted };
}

/** The accepted exclusions as a YAML patch to merge by hand: the same shape as the policy's routes. */
export function exclusionsPatch(accepted: readonly AcceptedExclusion[], policyFile: string): string {
  const byRoute = new Map<string, AcceptedExclusion[]>();
  for (const a of accepted) (byRoute.get(a.route) ?? byRoute.set(a.route, []).get(a.route)!).push(a);
  const lines = [`# vigil tune: exclusions accepted ${new Date().toISOString()} for ${policyFile}`, "# merge each under the route's detect.exclusions", 'routes:'];
  for (const [route, list] of byRoute) {
    lines.push(`  - name: ${JSON.stringify(route)}`, '    detect:', '      exclusions:');
    for (const a of list) lines.push(`        - ${flowText(a.exclusion)} # ${commentText(a)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Written beside and renamed over (same permissions): a reader never sees half a file. */
export function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.vigil-tune-${process.pid}`;
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    /* a new file */
  }
  writeFileSync(tmp, text, mode === undefined ? {} : { mode });
  renameSync(tmp, path);
}
