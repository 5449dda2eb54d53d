import { dirname } from 'node:path';
import type { SyntaxNode } from '../tree-sitter.js';
import { field, fields, named, rawType, stringLiteral, unparen, type RawType } from './go-syntax.js';

// First pass over a Go file: what other files need to know about it before any function body is read
// (package, imports, function signatures, struct fields, string constants, package variables).

export type ConstExpr =
  | { kind: 'string'; value: string }
  | { kind: 'ref'; qualifier?: string; name: string }
  | { kind: 'concat'; parts: ConstExpr[] };

/** What a package variable is initialised with, as far as its type goes. */
export type InitShape = { kind: 'call'; qualifier?: string; name: string } | { kind: 'composite'; type: RawType };

export interface FuncDecl {
  name: string;
  /** The receiver's type name for methods. */
  receiver?: string;
  params: (RawType | undefined)[];
  results: (RawType | undefined)[];
}

export interface FieldDecl {
  type: RawType | undefined;
  embedded: boolean;
}

export interface PackageVarDecl {
  type?: RawType;
  init?: InitShape;
}

export interface FileDecls {
  file: string;
  dir: string;
  packageName: string;
  imports: { alias?: string; path: string }[];
  funcs: FuncDecl[];
  structs: Map<string, Map<string, FieldDecl>>;
  /** `type Routes []Route` / `map[string]Route`: the element type of named slice and map types. */
  collections: Map<string, RawType | undefined>;
  /** Interface name → the methods it declares (embedded interfaces not expanded). */
  interfaces: Map<string, string[]>;
  consts: Map<string, ConstExpr>;
  vars: Map<string, PackageVarDecl>;
}

export function collectDeclarations(file: string, root: SyntaxNode): FileDecls {
  const out: FileDecls = { file, dir: dirname(file), packageName: '', imports: [], funcs: [], structs: new Map(), collections: new Map(), interfaces: new Map(), consts: new Map(), vars: new Map() };
  for (const node of named(root)) {
    switch (node.type) {
      case 'package_clause':
        out.packageName = named(node)[0]?.text ?? '';
        break;
      case 'import_declaration':
        for (const spec of descendantsOfType(node, 'import_spec')) {
          const path = field(spec, 'path');
          const alias = field(spec, 'name')?.text;
          const value = path ? stringLiteral(path) : undefined;
          if (value !== undefined && alias !== '_' && alias !== '.') out.imports.push(alias ? { alias, path: value } : { path: value });
        }
        break;
      case 'function_declaration':
      case 'method_declaration':
        out.funcs.push(funcDecl(node));
        break;
      case 'type_declaration':
        for (const spec of named(node).filter((n) => n.type === 'type_spec')) {
          const name = field(spec, 'name')?.text;
          const type = field(spec, 'type');
          if (name && type?.type === 'struct_type') out.structs.set(name, structFields(type));
          if (name && (type?.type === 'slice_type' || type?.type === 'array_type' || type?.type === 'map_type'))
            out.collections.set(name, rawType(field(type, type.type === 'map_type' ? 'value' : 'element')));
          if (name && type?.type === 'interface_type')
            out.interfaces.set(
              name,
              named(type)
                .filter((m) => m.type === 'method_elem' || m.type === 'method_spec')
                .map((m) => field(m, 'name')?.text ?? '')
                .filter((m) => m !== ''),
            );
        }
        break;
      case 'const_declaration':
      case 'var_declaration':
        for (const spec of descendantsOfType(node, node.type === 'const_declaration' ? 'const_spec' : 'var_spec')) packageValue(spec, node.type === 'const_declaration', out);
        break;
    }
  }
  return out;
}

function descendantsOfType(node: SyntaxNode, type: string): SyntaxNode[] {
  return node.descendantsOfType(type).filter((n): n is SyntaxNode => n !== null);
}

export function parameterTypes(list: SyntaxNode | undefined): (RawType | undefined)[] {
  if (!list) return [];
  if (list.type !== 'parameter_list') return [rawType(list)];
  const out: (RawType | undefined)[] = [];
  for (const p of named(list)) {
    const type = p.type === 'variadic_parameter_declaration' ? undefined : rawType(field(p, 'type'));
    const count = Math.max(1, fields(p, 'name').length);
    for (let i = 0; i < count; i++) out.push(type);
  }
  return out;
}

function funcDecl(node: SyntaxNode): FuncDecl {
  const decl: FuncDecl = { name: field(node, 'name')?.text ?? '', params: parameterTypes(field(node, 'parameters')), results: parameterTypes(field(node, 'result')) };
  const receiver = field(node, 'receiver');
  if (receiver) {
    const recv = named(receiver)[0];
    const type = recv ? rawType(field(recv, 'type')) : undefined;
    if (type) decl.receiver = type.name;
  }
  return decl;
}

function structFields(struct: SyntaxNode): Map<string, FieldDecl> {
  const out = new Map<string, FieldDecl>();
  const list = named(struct).find((n) => n.type === 'field_declaration_list');
  for (const f of list ? named(list).filter((n) => n.type === 'field_declaration') : []) {
    const type = rawType(field(f, 'type'));
    const names = fields(f, 'name');
    if (names.length === 0) {
      if (type) out.set(type.name, { type, embedded: true });
    } else for (const n of names) out.set(n.text, { type, embedded: false });
  }
  return out;
}

function packageValue(spec: SyntaxNode, isConst: boolean, out: FileDecls): void {
  const names = fields(spec, 'name').map((n) => n.text);
  const type = rawType(field(spec, 'type'));
  const values = field(spec, 'value');
  const exprs = values ? named(values) : [];
  names.forEach((name, i) => {
    const expr = exprs.length === names.length ? exprs[i] : undefined;
    const constant = expr ? constExpr(expr) : undefined;
    if (constant) out.consts.set(name, constant);
    if (isConst) return;
    const decl: PackageVarDecl = {};
    if (type) decl.type = type;
    const init = expr ? initShape(expr) : undefined;
    if (init) decl.init = init;
    out.vars.set(name, decl);
  });
}

export function constExpr(node: SyntaxNode): ConstExpr | undefined {
  const n = unparen(node);
  const literal = stringLiteral(n);
  if (literal !== undefined) return { kind: 'string', value: literal };
  if (n.type === 'identifier') return { kind: 'ref', name: n.text };
  if (n.type === 'selector_expression') {
    const operand = field(n, 'operand');
    const name = field(n, 'field');
    if (operand?.type === 'identifier' && name) return { kind: 'ref', qualifier: operand.text, name: name.text };
  }
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+') {
    const left = field(n, 'left');
    const right = field(n, 'right');
    const l = left ? constExpr(left) : undefined;
    const r = right ? constExpr(right) : undefined;
    if (l && r) return { kind: 'concat', parts: [l, r] };
  }
  return undefined;
}

function initShape(node: SyntaxNode): InitShape | undefined {
  let n = unparen(node);
  if (n.type === 'unary_expression') n = field(n, 'operand') ?? n;
  if (n.type === 'composite_literal') {
    const type = rawType(field(n, 'type'));
    return type ? { kind: 'composite', type } : undefined;
  }
  if (n.type !== 'call_expression') return undefined;
  const fn = field(n, 'function');
  if (fn?.type === 'identifier') return { kind: 'call', name: fn.text };
  if (fn?.type === 'selector_expression') {
    const operand = field(fn, 'operand');
    const name = field(fn, 'field');
    if (operand?.type === 'identifier' && name) return { kind: 'call', qualifier: operand.text, name: name.text };
  }
  return undefined;
}
