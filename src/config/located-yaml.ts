import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';

// YAML documents whose problems are reported where they are: `file:line: key.path: problem`. Shared by every
// file a user writes (the policy, validation plans).

/** A problem located in a user's file. */
export class LocatedError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly key: string,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${key || '(top level)'}: ${problem}`);
  }
}

export type KeyPath = (string | number)[];

export interface LocatedDocument {
  /** The document as plain data. */
  value: unknown;
  /** The line of the deepest node along the path that exists. */
  lineOf(path: KeyPath): number | undefined;
}

/** `routes[0].match.path` */
export function keyPath(segments: KeyPath): string {
  return segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

/** A JSON Schema validator's instance path (`/routes/0/match`) as keys. */
export function instancePathKeys(instancePath: string): KeyPath {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/**
 * Parses YAML (duplicate keys refused). Syntax errors throw with `makeError(line, problem)` so each caller keeps
 * its own error class.
 */
export function parseLocatedYaml(text: string, makeError: (line: number | undefined, problem: string) => Error): LocatedDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw makeError(e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  return {
    value: doc.toJS() ?? {},
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as YamlNode | undefined;
        const range = node && (isMap(node) || isSeq(node) || 'range' in node) ? node.range : undefined;
        if (range) return lines.linePos(range[0]).line;
      }
      return undefined;
    },
  };
}
