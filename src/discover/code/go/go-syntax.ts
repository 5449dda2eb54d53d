import type { SyntaxNode } from '../tree-sitter.js';

// Small readers over tree-sitter-go nodes shared by the declaration pass and the evaluator.

export function named(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
}

export function field(node: SyntaxNode, name: string): SyntaxNode | undefined {
  return node.childForFieldName(name) ?? undefined;
}

export function fields(node: SyntaxNode, name: string): SyntaxNode[] {
  return node.childrenForFieldName(name).filter((c): c is SyntaxNode => c !== null);
}

/** The value of a Go string literal ("…" with escapes, or `raw`), undefined for anything else. */
export function stringLiteral(node: SyntaxNode): string | undefined {
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  if (node.type !== 'interpreted_string_literal') return undefined;
  try {
    return JSON.parse(node.text.replace(/\\'/g, "'")) as string;
  } catch {
    return node.text.slice(1, -1);
  }
}

/** Unwraps parentheses. */
export function unparen(node: SyntaxNode): SyntaxNode {
  let cur = node;
  while (cur.type === 'parenthesized_expression' && named(cur)[0]) cur = named(cur)[0]!;
  return cur;
}

/** A type as written, without pointers and type arguments: `*gin.Engine` → { qualifier: 'gin', name: 'Engine' }. */
export interface RawType {
  qualifier?: string;
  name: string;
}

export function rawType(node: SyntaxNode | undefined): RawType | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'pointer_type':
    case 'parenthesized_type':
      return rawType(named(node)[0]);
    case 'generic_type':
      return rawType(field(node, 'type'));
    case 'type_identifier':
      return { name: node.text };
    case 'qualified_type': {
      const pkg = field(node, 'package');
      const name = field(node, 'name');
      return pkg && name ? { qualifier: pkg.text, name: name.text } : undefined;
    }
    case 'interface_type':
      return { name: 'interface{}' };
    default:
      return undefined;
  }
}
