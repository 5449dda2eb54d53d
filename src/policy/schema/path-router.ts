// Matches a request path to an OpenAPI path template. Literal segments win over templated ones at every depth
// (/me/albums before /{kind}/albums), and a segment mixing text and parameters (/{name}.json) wins over a bare one.

type Segment = { kind: 'static'; text: string } | { kind: 'pattern'; regex: RegExp; names: string[]; literalChars: number };

interface Node<T> {
  statics: Map<string, Node<T>>;
  patterns: { segment: Extract<Segment, { kind: 'pattern' }>; key: string; node: Node<T> }[];
  value?: T;
  template?: string;
  templateSegments?: Segment[];
}

export interface PathHit<T> {
  value: T;
  template: string;
  params: Record<string, string>;
}

function newNode<T>(): Node<T> {
  return { statics: new Map(), patterns: [] };
}

function parseSegment(text: string): Segment {
  if (!text.includes('{')) return { kind: 'static', text };
  const names: string[] = [];
  let literalChars = 0;
  const source = text.replace(/\{([^}]+)\}|([^{]+)/g, (_m, name: string | undefined, literal: string | undefined) => {
    if (name !== undefined) {
      names.push(name);
      return '([^/]+?)';
    }
    literalChars += literal!.length;
    return literal!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return { kind: 'pattern', regex: new RegExp(`^${source}$`), names, literalChars };
}

export class PathRouter<T> {
  private readonly root = newNode<T>();

  /** Returns the value already stored for an equivalent template, if any. */
  add(template: string, value: T): T | undefined {
    let node = this.root;
    for (const text of splitPath(template)) {
      const segment = parseSegment(text);
      if (segment.kind === 'static') {
        let next = node.statics.get(segment.text);
        if (!next) node.statics.set(segment.text, (next = newNode()));
        node = next;
      } else {
        // two templates that differ only by parameter names share a node
        const key = segment.regex.source;
        let entry = node.patterns.find((p) => p.key === key);
        if (!entry) {
          entry = { segment, key, node: newNode() };
          node.patterns.push(entry);
          node.patterns.sort((a, b) => b.segment.literalChars - a.segment.literalChars);
        }
        node = entry.node;
      }
    }
    if (node.value !== undefined) return node.value;
    node.value = value;
    node.template = template;
    node.templateSegments = splitPath(template).map(parseSegment);
    return undefined;
  }

  match(path: string): PathHit<T> | undefined {
    const segments = splitPath(path).map(decodeSegment);
    const hit = this.walk(this.root, segments, 0);
    if (!hit) return undefined;
    return { value: hit.value!, template: hit.template!, params: paramsOf(hit.templateSegments!, segments) };
  }

  private walk(node: Node<T>, segments: string[], i: number): Node<T> | undefined {
    if (i === segments.length) return node.value !== undefined ? node : undefined;
    const seg = segments[i]!;
    const literal = node.statics.get(seg);
    if (literal) {
      const hit = this.walk(literal, segments, i + 1);
      if (hit) return hit;
    }
    if (seg === '') return undefined;
    for (const p of node.patterns) {
      if (!p.segment.regex.test(seg)) continue;
      const hit = this.walk(p.node, segments, i + 1);
      if (hit) return hit;
    }
    return undefined;
  }
}

/** Parameter values by the matched template's own names. */
function paramsOf(templateSegments: Segment[], segments: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  templateSegments.forEach((segment, i) => {
    if (segment.kind !== 'pattern') return;
    const m = segment.regex.exec(segments[i]!);
    segment.names.forEach((name, j) => (params[name] = m?.[j + 1] ?? ''));
  });
  return params;
}

function splitPath(path: string): string[] {
  return path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/');
}

function decodeSegment(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
