import { EndpointStats } from './endpoint-stats.js';
import { identifierSuffix, isFixedNameShape, isIdentifierShape, segmentShape, type SegmentShape } from './segment-shape.js';

// The raw paths of one host as a prefix tree. Segments with identifier shapes (integers, UUIDs, SIDs …) share one
// `identifiers` child at once; other segments stay literal until templating.ts decides from sibling cardinality.
// A node with too many literal children sends further new ones to `identifiers`, so memory stays bounded.

export interface RawNode {
  readonly literals: Map<string, RawNode>;
  identifiers?: RawNode;
  /** Identifiers with a file extension, by extension: /Calls/{callId}.json. */
  readonly suffixed: Map<string, RawNode>;
  /** Shapes of the segments that went to this node when it is an `identifiers` child. */
  readonly shapes: Set<SegmentShape>;
  readonly examples: string[];
  /** Requests whose path passed through (or ended at) this node. */
  hits: number;
  /** Set when literal children hit the cap: every word child of this node is then a parameter value. */
  overflowed: boolean;
  readonly endpoints: Map<string, EndpointStats>;
}

export const MAX_LITERAL_CHILDREN = 256;
const MAX_EXAMPLES = 3;

export function newNode(): RawNode {
  return { literals: new Map(), suffixed: new Map(), shapes: new Set(), examples: [], hits: 0, overflowed: false, endpoints: new Map() };
}

/** Path segments without empty ones (a trailing slash is the same resource), percent-decoded. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '').map(decode);
}

function decode(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export class PathTree {
  readonly root = newNode();

  /** The stats for `method` at `path`, creating nodes on the way. */
  endpointFor(path: string, method: string): EndpointStats {
    let node = this.root;
    node.hits++;
    for (const segment of pathSegments(path)) {
      node = child(node, segment);
      node.hits++;
    }
    let stats = node.endpoints.get(method);
    if (!stats) node.endpoints.set(method, (stats = new EndpointStats(method)));
    return stats;
  }
}

function child(node: RawNode, segment: string): RawNode {
  const known = node.literals.get(segment);
  if (known) return known;
  const shape = segmentShape(segment);
  const suffixed = isIdentifierShape(shape) ? undefined : identifierSuffix(segment);
  if (suffixed) {
    let ids = node.suffixed.get(suffixed.suffix);
    if (!ids) node.suffixed.set(suffixed.suffix, (ids = newNode()));
    ids.shapes.add(suffixed.shape);
    if (ids.examples.length < MAX_EXAMPLES && !ids.examples.includes(segment)) ids.examples.push(segment);
    return ids;
  }
  const overflow = !isFixedNameShape(shape) && node.literals.size >= MAX_LITERAL_CHILDREN;
  if (isIdentifierShape(shape) || overflow) {
    if (overflow) node.overflowed = true;
    const ids = (node.identifiers ??= newNode());
    ids.shapes.add(shape);
    if (ids.examples.length < MAX_EXAMPLES && !ids.examples.includes(segment)) ids.examples.push(segment);
    return ids;
  }
  const created = newNode();
  created.shapes.add(shape);
  created.examples.push(segment);
  node.literals.set(segment, created);
  return created;
}
