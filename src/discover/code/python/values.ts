import { lineOf, type SyntaxNode } from '../tree-sitter.js';

// Python expressions as plain data: scanners read the tree-sitter tree once per file (its WASM memory is freed right
// after) and resolve names across files later, so every expression a framework cares about is copied out as a value.

export type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'fstr'; parts: (string | PyValue)[] }
  /** A dotted name: `a`, `a.b.c`. */
  | { kind: 'name'; path: string[] }
  /** An attribute of something that is not a plain name: `f().urls`. */
  | { kind: 'attr'; object: PyValue; attr: string }
  | { kind: 'concat'; left: PyValue; right: PyValue }
  | { kind: 'call'; callee: PyValue; args: PyValue[]; kwargs: Map<string, PyValue>; line: number }
  /** list, tuple or set literal. */
  | { kind: 'list'; items: PyValue[] }
  | { kind: 'spread'; value: PyValue }
  | { kind: 'dict'; entries: [PyValue, PyValue][] }
  | { kind: 'bool'; value: boolean }
  /** `a if cond else b`: either. */
  | { kind: 'either'; options: PyValue[] }
  | { kind: 'none' }
  | { kind: 'other' };

const OTHER: PyValue = { kind: 'other' };
const MAX_DEPTH = 40;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_m, c: string) => ESCAPES[c] ?? `\\${c}`);
}

function stringValue(node: SyntaxNode, depth: number): PyValue {
  const start = node.children.find((c) => c?.type === 'string_start')?.text ?? '';
  const prefix = start.replace(/['"]+$/, '').toLowerCase();
  const raw = prefix.includes('r');
  const formatted = prefix.includes('f');
  const parts: (string | PyValue)[] = [];
  for (const c of node.children) {
    if (!c) continue;
    if (c.type === 'string_content') {
      const text = raw ? c.text : unescape(c.text);
      parts.push(formatted ? text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : text);
    } else if (c.type === 'interpolation') {
      const expr = c.childForFieldName('expression');
      const plain = !c.childForFieldName('format_specifier') && !c.childForFieldName('type_conversion');
      parts.push(expr && plain ? toValue(expr, depth + 1) : OTHER);
    }
  }
  if (parts.every((p) => typeof p === 'string')) return { kind: 'str', value: parts.join('') };
  return { kind: 'fstr', parts };
}

function dottedPath(node: SyntaxNode): string[] | undefined {
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'attribute') {
    const obj = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute');
    const base = obj ? dottedPath(obj) : undefined;
    return base && attr ? [...base, attr.text] : undefined;
  }
  return undefined;
}

function named(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
}

export function callValue(node: SyntaxNode, depth = 0): PyValue {
  const fn = node.childForFieldName('function');
  const argList = node.childForFieldName('arguments');
  const args: PyValue[] = [];
  const kwargs = new Map<string, PyValue>();
  if (argList?.type === 'argument_list') {
    for (const a of named(argList)) {
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name');
        const v = a.childForFieldName('value');
        if (k && v) kwargs.set(k.text, toValue(v, depth + 1));
      } else if (a.type === 'list_splat') {
        const inner = named(a)[0];
        args.push({ kind: 'spread', value: inner ? toValue(inner, depth + 1) : OTHER });
      } else if (a.type !== 'dictionary_splat') args.push(toValue(a, depth + 1));
    }
  }
  return { kind: 'call', callee: fn ? toValue(fn, depth + 1) : OTHER, args, kwargs, line: lineOf(node) };
}

/** A tree-sitter expression as data; anything scanners never need to look inside becomes `other`. */
export function toValue(node: SyntaxNode, depth = 0): PyValue {
  if (depth > MAX_DEPTH) return OTHER;
  switch (node.type) {
    case 'string':
      return stringValue(node, depth);
    case 'concatenated_string':
      return named(node)
        .map((s) => toValue(s, depth + 1))
        .reduce<PyValue>((left, right) => ({ kind: 'concat', left, right }), { kind: 'str', value: '' });
    case 'identifier':
      return { kind: 'name', path: [node.text] };
    case 'attribute': {
      const path = dottedPath(node);
      if (path) return { kind: 'name', path };
      const obj = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute');
      return obj && attr ? { kind: 'attr', object: toValue(obj, depth + 1), attr: attr.text } : OTHER;
    }
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      return op === '+' && l && r ? { kind: 'concat', left: toValue(l, depth + 1), right: toValue(r, depth + 1) } : OTHER;
    }
    case 'call':
      return callValue(node, depth);
    case 'list':
    case 'tuple':
    case 'set':
    case 'expression_list':
      return { kind: 'list', items: named(node).map((c) => toValue(c, depth + 1)) };
    case 'list_splat': {
      const inner = named(node)[0];
      return { kind: 'spread', value: inner ? toValue(inner, depth + 1) : OTHER };
    }
    case 'dictionary':
      return {
        kind: 'dict',
        entries: named(node)
          .filter((p) => p.type === 'pair')
          .map((p) => [toValue(p.childForFieldName('key')!, depth + 1), toValue(p.childForFieldName('value')!, depth + 1)] as [PyValue, PyValue]),
      };
    case 'parenthesized_expression': {
      const inner = named(node)[0];
      return inner ? toValue(inner, depth + 1) : OTHER;
    }
    case 'conditional_expression':
      return { kind: 'either', options: named(node).filter((_, i) => i !== 1).map((c) => toValue(c, depth + 1)) };
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return { kind: 'none' };
    default:
      return OTHER;
  }
}

/** The constructor calls an assignment's value may be: `X()`, or either side of `X() if debug else Y()`. */
export function constructions(v: PyValue): Extract<PyValue, { kind: 'call' }>[] {
  if (v.kind === 'call') return [v];
  return v.kind === 'either' ? v.options.filter((o): o is Extract<PyValue, { kind: 'call' }> => o.kind === 'call') : [];
}

/** The dotted path of a name value, or undefined. */
export function pathOf(v: PyValue | undefined): string[] | undefined {
  return v?.kind === 'name' ? v.path : undefined;
}

/** `x.method(...)` → ['x', 'method'] split into receiver and method name. */
export function methodCall(v: PyValue): { receiver: PyValue; method: string; call: Extract<PyValue, { kind: 'call' }> } | undefined {
  if (v.kind !== 'call') return undefined;
  const c = v.callee;
  if (c.kind === 'name' && c.path.length >= 2) return { receiver: { kind: 'name', path: c.path.slice(0, -1) }, method: c.path.at(-1)!, call: v };
  if (c.kind === 'attr') return { receiver: c.object, method: c.attr, call: v };
  return undefined;
}
