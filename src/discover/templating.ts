import { EndpointStats } from './endpoint-stats.js';
import { parameterName } from './param-names.js';
import type { PathTree, RawNode } from './path-tree.js';
import { isFixedNameShape, isWellKnownStatic, segmentShape, type SegmentShape } from './segment-shape.js';

// Turns a host's raw path tree into path templates. Raw nodes at the same template position are handled as one
// group; a group's word-shaped literal children become a parameter when there are many of them and most were
// requested once (values), and stay static when few or requested repeatedly (real paths such as /me/albums).

export type TemplateSegment =
  | { kind: 'literal'; text: string }
  /** `suffix` is a literal file extension after the parameter: {callId}.json */
  | { kind: 'param'; name: string; shapes: Set<SegmentShape>; examples: string[]; suffix?: string };

export interface TemplatedEndpoint {
  method: string;
  path: string;
  segments: TemplateSegment[];
  stats: EndpointStats;
}

/** Word siblings needed before cardinality alone makes them parameter values. */
const MIN_DISTINCT_VALUES = 6;
/** … and the share of them that must have been requested only once. */
const MIN_SINGLE_HIT_SHARE = 0.5;

export function templatesOf(tree: PathTree): TemplatedEndpoint[] {
  const out: TemplatedEndpoint[] = [];
  materialise([tree.root], [], out);
  return out.sort((a, b) => (a.path === b.path ? (a.method < b.method ? -1 : 1) : a.path < b.path ? -1 : 1));
}

export function templateText(segments: readonly TemplateSegment[]): string {
  return '/' + segments.map((s) => (s.kind === 'literal' ? s.text : `{${s.name}}${s.suffix ?? ''}`)).join('/');
}

function materialise(group: RawNode[], segments: TemplateSegment[], out: TemplatedEndpoint[]): void {
  const methods = new Map<string, EndpointStats>();
  for (const node of group) {
    for (const [method, stats] of node.endpoints) {
      let merged = methods.get(method);
      if (!merged) methods.set(method, (merged = new EndpointStats(method)));
      merged.merge(stats);
    }
  }
  const path = templateText(segments);
  for (const [method, stats] of methods) out.push({ method, path, segments, stats });

  const literals = new Map<string, RawNode[]>();
  const params: RawNode[] = [];
  const suffixed = new Map<string, RawNode[]>();
  let overflowed = false;
  for (const node of group) {
    overflowed ||= node.overflowed;
    for (const [suffix, child] of node.suffixed) {
      const list = suffixed.get(suffix);
      if (list) list.push(child);
      else suffixed.set(suffix, [child]);
    }
    for (const [name, child] of node.literals) {
      const list = literals.get(name);
      if (list) list.push(child);
      else literals.set(name, [child]);
    }
    if (node.identifiers) params.push(node.identifiers);
  }
  const collapsed = valueNames(literals, overflowed, params.length > 0);
  for (const [name, nodes] of literals) {
    if (collapsed.has(name)) params.push(...nodes);
    else materialise(nodes, [...segments, { kind: 'literal', text: name }], out);
  }
  if (params.length > 0) materialise(params, [...segments, paramSegment(segments, params)], out);
  for (const [suffix, nodes] of suffixed) materialise(nodes, [...segments, { ...paramSegment(segments, nodes), suffix }], out);
}

/** The literal names at one position that are parameter values rather than static path segments. */
function valueNames(literals: Map<string, RawNode[]>, overflowed: boolean, identifiersBeside: boolean): Set<string> {
  const candidates: [string, number][] = [];
  const dates: string[] = [];
  const structures = new Set<string>();
  for (const [name, nodes] of literals) {
    const shape = segmentShape(name);
    if (isWellKnownStatic(name) || isFixedNameShape(shape)) continue;
    if (shape === 'date') dates.push(name);
    candidates.push([name, nodes.reduce((n, node) => n + node.hits, 0)]);
    structures.add(structureOf(nodes));
  }
  if (overflowed) return new Set(candidates.map(([n]) => n));
  // one date seen again and again is a version; several are values
  const valueDates = dates.length >= 2 || (dates.length > 0 && identifiersBeside) ? dates : [];
  const once = candidates.filter(([, hits]) => hits === 1).length;
  const share = candidates.length ? once / candidates.length : 0;
  const manyValues = candidates.length >= MIN_DISTINCT_VALUES && share >= MIN_SINGLE_HIT_SHARE;
  // beside identifiers, a few one-off words are values too (user names beside numeric ids)
  const besideIds = identifiersBeside && candidates.length >= 3 && share >= 0.75;
  // a few one-off siblings leading to the same sub-paths (/orgs/a/members, /orgs/b/members) are values too
  const sameStructure = candidates.length >= 3 && share === 1 && structures.size === 1 && !structures.has('');
  return manyValues || besideIds || sameStructure ? new Set(candidates.map(([n]) => n)) : new Set(valueDates);
}

/** What follows a literal: its child segments and the methods served at it. */
function structureOf(nodes: RawNode[]): string {
  const parts = new Set<string>();
  for (const n of nodes) {
    for (const name of n.literals.keys()) parts.add(name);
    if (n.identifiers) parts.add('{}');
    for (const suffix of n.suffixed.keys()) parts.add(`{}${suffix}`);
  }
  return [...parts].sort().join('/');
}

function paramSegment(previous: TemplateSegment[], nodes: RawNode[]): Extract<TemplateSegment, { kind: 'param' }> {
  const shapes = new Set<SegmentShape>();
  const examples: string[] = [];
  for (const n of nodes) {
    for (const s of n.shapes) shapes.add(s);
    for (const e of n.examples) if (examples.length < 3 && !examples.includes(e)) examples.push(e);
  }
  const last = previous[previous.length - 1];
  const taken = new Set(previous.flatMap((s) => (s.kind === 'param' ? [s.name] : [])));
  return { kind: 'param', name: parameterName(last?.kind === 'literal' ? last.text : undefined, shapes, taken), shapes, examples };
}
