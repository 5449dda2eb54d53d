import type { SyntaxNode } from '../tree-sitter.js';
import { lineOf } from '../tree-sitter.js';
import type { JavaAnnotation, JavaExpr, JavaFile, JavaMethod, JavaType } from './java-model.js';

// Java syntax tree → JavaFile facts (package, imports, types with annotations, constants and methods).

const TYPE_NODES: Record<string, JavaType['kind']> = {
  class_declaration: 'class',
  interface_declaration: 'interface',
  enum_declaration: 'enum',
  record_declaration: 'record',
};

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ', '0': '\0' };

function stringValue(node: SyntaxNode): string {
  let out = '';
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_fragment') out += c.text;
    else if (c.type === 'escape_sequence') out += ESCAPES[c.text.slice(1)] ?? c.text.slice(1);
  }
  return out;
}

function dotted(node: SyntaxNode): string[] {
  if (node.type === 'identifier' || node.type === 'type_identifier') return [node.text];
  if (node.type === 'scoped_identifier' || node.type === 'scoped_type_identifier') return node.text.split('.').map((s) => s.trim());
  if (node.type === 'field_access') {
    const object = node.childForFieldName('object');
    const field = node.childForFieldName('field');
    return object && field ? [...dotted(object), field.text] : [];
  }
  return [];
}

export function expression(node: SyntaxNode): JavaExpr {
  switch (node.type) {
    case 'string_literal':
      return node.namedChildren.some((c) => c?.type === 'string_interpolation') ? { kind: 'other' } : { kind: 'string', value: stringValue(node) };
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? expression(inner) : { kind: 'other' };
    }
    case 'binary_expression': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (node.childForFieldName('operator')?.text !== '+' || !left || !right) return { kind: 'other' };
      return { kind: 'concat', parts: [expression(left), expression(right)] };
    }
    case 'element_value_array_initializer':
    case 'array_initializer':
      return { kind: 'array', items: node.namedChildren.flatMap((c) => (c ? [expression(c)] : [])) };
    case 'identifier':
    case 'field_access':
    case 'scoped_identifier': {
      const parts = dotted(node);
      const name = parts.pop();
      return name ? { kind: 'ref', qualifier: parts, name } : { kind: 'other' };
    }
    default:
      return { kind: 'other' };
  }
}

function annotation(node: SyntaxNode): JavaAnnotation | undefined {
  const nameNode = node.childForFieldName('name');
  if (!nameNode) return undefined;
  const name = dotted(nameNode).pop() ?? nameNode.text;
  const args = new Map<string, JavaExpr>();
  const list = node.childForFieldName('arguments');
  for (const a of list?.namedChildren ?? []) {
    if (!a) continue;
    if (a.type === 'element_value_pair') {
      const key = a.childForFieldName('key');
      const value = a.childForFieldName('value');
      if (key && value) args.set(key.text, expression(value));
    } else if (a.type !== 'comment') args.set('value', expression(a));
  }
  return { name, line: lineOf(node), args };
}

function modifiers(node: SyntaxNode): { annotations: JavaAnnotation[]; words: Set<string> } {
  const annotations: JavaAnnotation[] = [];
  const words = new Set<string>();
  const mods = node.namedChildren.find((c) => c?.type === 'modifiers');
  for (const c of mods?.children ?? []) {
    if (!c) continue;
    if (c.type === 'annotation' || c.type === 'marker_annotation') {
      const a = annotation(c);
      if (a) annotations.push(a);
    } else words.add(c.text);
  }
  return { annotations, words };
}

function typeNames(node: SyntaxNode | null | undefined): string[] {
  if (!node) return [];
  if (node.type === 'type_identifier' || node.type === 'scoped_type_identifier') return [node.text.replace(/\s+/g, '')];
  if (node.type === 'generic_type') return typeNames(node.namedChildren[0]);
  return node.namedChildren.flatMap((c) => typeNames(c));
}

function methodOf(node: SyntaxNode): JavaMethod {
  const params = node.childForFieldName('parameters');
  const arity = params?.namedChildren.filter((c) => c?.type === 'formal_parameter' || c?.type === 'spread_parameter').length ?? 0;
  return { name: node.childForFieldName('name')?.text ?? '', arity, annotations: modifiers(node).annotations };
}

function collectType(node: SyntaxNode, file: JavaFile, prefix: string, outer: string | undefined): void {
  const kind = TYPE_NODES[node.type];
  const simpleName = node.childForFieldName('name')?.text;
  if (!kind || !simpleName) return;
  const fqn = prefix ? `${prefix}.${simpleName}` : simpleName;
  const { annotations, words } = modifiers(node);
  // Interfaces before the superclass: the order Spring searches a type hierarchy for mapping annotations.
  const supertypes = [
    ...typeNames(node.childForFieldName('interfaces')),
    ...typeNames(node.childForFieldName('superclass')),
    ...typeNames(node.namedChildren.find((c) => c?.type === 'extends_interfaces')),
  ];
  const type: JavaType = { fqn, simpleName, kind, abstract: words.has('abstract'), annotations, supertypes, constants: new Map(), methods: [], outer, file };
  file.types.push(type);
  const body = node.childForFieldName('body');
  const members = body?.namedChildren.flatMap((c) => (c?.type === 'enum_body_declarations' ? c.namedChildren : [c])) ?? [];
  for (const m of members) {
    if (!m) continue;
    if (m.type === 'method_declaration') type.methods.push(methodOf(m));
    else if (m.type === 'field_declaration' || m.type === 'constant_declaration') {
      for (const d of m.namedChildren) {
        if (d?.type !== 'variable_declarator') continue;
        const name = d.childForFieldName('name')?.text;
        const value = d.childForFieldName('value');
        if (name && value) type.constants.set(name, expression(value));
      }
    } else if (TYPE_NODES[m.type]) collectType(m, file, fqn, fqn);
  }
}

export function parseJavaFile(root: SyntaxNode, path: string): JavaFile {
  const file: JavaFile = { path, packageName: '', singleImports: new Map(), wildcardImports: [], staticImports: new Map(), staticWildcardImports: [], types: [] };
  for (const node of root.namedChildren) {
    if (!node) continue;
    if (node.type === 'package_declaration') {
      const name = node.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier');
      file.packageName = name ? dotted(name).join('.') : '';
    } else if (node.type === 'import_declaration') {
      const name = node.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier');
      if (!name) continue;
      const parts = dotted(name);
      const isStatic = node.children.some((c) => c?.type === 'static');
      const wildcard = node.namedChildren.some((c) => c?.type === 'asterisk');
      if (isStatic && wildcard) file.staticWildcardImports.push(parts.join('.'));
      else if (isStatic) file.staticImports.set(parts[parts.length - 1]!, parts.slice(0, -1).join('.'));
      else if (wildcard) file.wildcardImports.push(parts.join('.'));
      else file.singleImports.set(parts[parts.length - 1]!, parts.join('.'));
    } else if (TYPE_NODES[node.type]) collectType(node, file, file.packageName, undefined);
  }
  return file;
}
