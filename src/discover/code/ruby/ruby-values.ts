import type { SyntaxNode } from '../tree-sitter.js';

// Literal Ruby values in routes.rb calls: strings, symbols, arrays (%w/%i too), hashes, booleans, constants. Anything
// computed (interpolation, method calls, variables) is `other`, so the route it feeds is skipped rather than guessed.

export type RubyValue =
  | { t: 'str'; v: string }
  | { t: 'sym'; v: string }
  | { t: 'const'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  | { t: 'arr'; items: RubyValue[] }
  | { t: 'hash'; entries: [RubyValue, RubyValue][] }
  | { t: 'other' };

export interface CallArgs {
  positional: RubyValue[];
  /** The trailing hash Ruby builds from `key: value` / `'k' => v` arguments. */
  options: [RubyValue, RubyValue][];
}

const OTHER: RubyValue = { t: 'other' };

function stringContent(node: SyntaxNode): string | undefined {
  let out = '';
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content') out += c.text;
    else if (c.type === 'escape_sequence') out += c.text.slice(1);
    else return undefined;
  }
  return out;
}

export function rubyValue(node: SyntaxNode): RubyValue {
  switch (node.type) {
    case 'string':
    case 'bare_string': {
      const s = stringContent(node);
      return s === undefined ? OTHER : { t: 'str', v: s };
    }
    case 'simple_symbol':
      return { t: 'sym', v: node.text.slice(1) };
    case 'hash_key_symbol':
      return { t: 'sym', v: node.text };
    case 'bare_symbol':
    case 'delimited_symbol': {
      const s = stringContent(node);
      return s === undefined ? OTHER : { t: 'sym', v: s };
    }
    case 'constant':
    case 'scope_resolution':
      return { t: 'const', v: node.text };
    case 'true':
    case 'false':
      return { t: 'bool', v: node.type === 'true' };
    case 'nil':
      return { t: 'nil' };
    case 'array':
    case 'string_array':
    case 'symbol_array':
      return { t: 'arr', items: node.namedChildren.flatMap((c) => (c ? [rubyValue(c)] : [])) };
    case 'hash':
      return { t: 'hash', entries: node.namedChildren.flatMap((c) => (c?.type === 'pair' ? [pairOf(c)] : [])) };
    case 'parenthesized_statements': {
      const inner = node.namedChildren[0];
      return inner && node.namedChildCount === 1 ? rubyValue(inner) : OTHER;
    }
    default:
      return OTHER;
  }
}

function pairOf(pair: SyntaxNode): [RubyValue, RubyValue] {
  const key = pair.childForFieldName('key');
  const value = pair.childForFieldName('value');
  return [key ? rubyValue(key) : OTHER, value ? rubyValue(value) : OTHER];
}

export function callArgs(call: SyntaxNode): CallArgs {
  const positional: RubyValue[] = [];
  const options: [RubyValue, RubyValue][] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!a || a.type === 'comment' || a.type === 'block_argument') continue;
    if (a.type === 'pair') options.push(pairOf(a));
    else if (a.type === 'hash' && a === call.childForFieldName('arguments')?.lastNamedChild) options.push(...(rubyValue(a) as { entries: [RubyValue, RubyValue][] }).entries);
    else positional.push(rubyValue(a));
  }
  return { positional, options };
}

/** A symbol or string's text. */
export function name(v: RubyValue | undefined): string | undefined {
  return v && (v.t === 'str' || v.t === 'sym') ? v.v : undefined;
}

/** The value of a symbol/string key in a hash's entries. */
export function option(entries: [RubyValue, RubyValue][], key: string): RubyValue | undefined {
  return entries.find(([k]) => name(k) === key)?.[1];
}

/** A scalar or array of names (`only: :show`, `via: [:get, :post]`); undefined when not all literal. */
export function names(v: RubyValue | undefined): string[] | undefined {
  if (!v) return undefined;
  if (v.t === 'arr') {
    const out = v.items.map(name);
    return out.every((x) => x !== undefined) ? (out as string[]) : undefined;
  }
  const single = name(v);
  return single === undefined ? undefined : [single];
}

export function truthy(v: RubyValue | undefined): boolean {
  return v !== undefined && !(v.t === 'bool' && !v.v) && v.t !== 'nil';
}
