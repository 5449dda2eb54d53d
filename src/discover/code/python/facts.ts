import { lineOf, type SyntaxNode } from '../tree-sitter.js';
import { callValue, toValue, type PyValue } from './values.js';

// What one Python file declares, copied out of its syntax tree: imports, assignments, functions, classes and the
// calls made as statements. Function bodies are flattened into the file (an app factory's `app = Flask()` and
// `app.register_blueprint(bp)` are read like module-level code), which is what route registration needs.

export interface RawImport {
  /** Local name bound; '*' for a wildcard import. */
  local: string;
  /** Leading dots of a relative import; 0 for absolute. */
  level: number;
  /** Dotted module name after the dots (may be empty for `from . import x`). */
  module: string;
  /** The imported name for `from m import name`; undefined for `import m`. */
  name?: string;
}

export interface Decorator {
  value: PyValue;
  line: number;
}

export interface PyFunction {
  name: string;
  line: number;
  /** Parameter names in order (`self` included for methods). */
  params: string[];
  decorators: Decorator[];
  returns: PyValue[];
  /** The function this one is defined in. */
  scope?: PyFunction;
}

export interface PyClass {
  name: string;
  line: number;
  bases: PyValue[];
  decorators: Decorator[];
  attrs: Map<string, PyValue>;
  methods: Map<string, PyFunction>;
  scope?: PyFunction;
}

export interface StatementCall {
  call: Extract<PyValue, { kind: 'call' }>;
  /** The function the call is made in, for calls on its parameters (`def register(app): app.register_blueprint(…)`). */
  scope?: PyFunction;
}

/** 'for': the value is the iterable the name loops over. */
export type AssignOp = '=' | '+=' | 'append' | 'extend' | 'for';

export interface Assignment {
  value: PyValue;
  line: number;
  op: AssignOp;
}

export interface PyFacts {
  file: string;
  imports: RawImport[];
  /** Top-level packages imported (flask, fastapi, django, rest_framework …), for framework attribution. */
  packages: Set<string>;
  assignments: Map<string, Assignment[]>;
  /** By name (the first definition); every definition, nested ones included, is in functionList/classList. */
  functions: Map<string, PyFunction>;
  classes: Map<string, PyClass>;
  functionList: PyFunction[];
  classList: PyClass[];
  /** Calls made as statements anywhere in the file: `app.register_blueprint(bp)`, `router.register(...)`. */
  calls: StatementCall[];
}

function named(node: SyntaxNode | null): SyntaxNode[] {
  return node ? node.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment') : [];
}

function decoratorsOf(def: SyntaxNode): Decorator[] {
  const parent = def.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return named(parent)
    .filter((d) => d.type === 'decorator')
    .map((d) => {
      const expr = named(d)[0];
      return { value: expr ? toValue(expr) : { kind: 'other' }, line: lineOf(d) };
    });
}

function returnsOf(node: SyntaxNode | null, out: PyValue[] = []): PyValue[] {
  for (const st of named(node)) {
    if (st.type === 'return_statement') {
      const e = named(st)[0];
      if (e) out.push(toValue(e));
    } else if (!['function_definition', 'class_definition', 'decorated_definition', 'lambda'].includes(st.type)) returnsOf(st, out);
  }
  return out;
}

function paramsOf(def: SyntaxNode): string[] {
  return named(def.childForFieldName('parameters')).map((p) =>
    p.type === 'identifier' ? p.text : (p.childForFieldName('name')?.text ?? named(p).find((c) => c.type === 'identifier')?.text ?? ''),
  );
}

function functionOf(def: SyntaxNode, scope: PyFunction | undefined): PyFunction {
  return {
    name: def.childForFieldName('name')?.text ?? '',
    line: lineOf(def),
    params: paramsOf(def),
    decorators: decoratorsOf(def),
    returns: returnsOf(def.childForFieldName('body')),
    ...(scope ? { scope } : {}),
  };
}

function importsOf(st: SyntaxNode, out: RawImport[]): void {
  if (st.type === 'import_statement') {
    for (const n of named(st)) {
      if (n.type === 'dotted_name') out.push({ local: n.text.split('.')[0]!, level: 0, module: n.text.split('.')[0]! });
      else if (n.type === 'aliased_import') {
        const name = n.childForFieldName('name')?.text;
        const alias = n.childForFieldName('alias')?.text;
        if (name && alias) out.push({ local: alias, level: 0, module: name });
      }
    }
    return;
  }
  const mod = st.childForFieldName('module_name');
  if (!mod) return;
  let level = 0;
  let module = mod.text;
  if (mod.type === 'relative_import') {
    level = named(mod).find((c) => c.type === 'import_prefix')?.text.length ?? mod.text.replace(/[^.].*$/, '').length;
    module = named(mod).find((c) => c.type === 'dotted_name')?.text ?? '';
  }
  for (const n of named(st)) {
    if (n === mod) continue;
    if (n.type === 'wildcard_import') out.push({ local: '*', level, module, name: '*' });
    else if (n.type === 'dotted_name') out.push({ local: n.text, level, module, name: n.text });
    else if (n.type === 'aliased_import') {
      const name = n.childForFieldName('name')?.text;
      const alias = n.childForFieldName('alias')?.text;
      if (name && alias) out.push({ local: alias, level, module, name });
    }
  }
}

export function collectFacts(file: string, root: SyntaxNode): PyFacts {
  const facts: PyFacts = { file, imports: [], packages: new Set(), assignments: new Map(), functions: new Map(), classes: new Map(), functionList: [], classList: [], calls: [] };
  const assign = (name: string, a: Assignment): void => {
    const list = facts.assignments.get(name) ?? [];
    list.push(a);
    facts.assignments.set(name, list);
  };
  const assignment = (node: SyntaxNode, op: AssignOp): void => {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    if (left.type === 'identifier') assign(left.text, { value: toValue(right), line: lineOf(node), op });
    else if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && ['expression_list', 'tuple'].includes(right.type)) {
      const ls = named(left);
      const rs = named(right);
      if (ls.length === rs.length) ls.forEach((l, i) => l.type === 'identifier' && assign(l.text, { value: toValue(rs[i]!), line: lineOf(node), op }));
    }
  };
  const classOf = (def: SyntaxNode, scope: PyFunction | undefined): PyClass => {
    const cls: PyClass = {
      ...(scope ? { scope } : {}),
      name: def.childForFieldName('name')?.text ?? '',
      line: lineOf(def),
      bases: named(def.childForFieldName('superclasses')).filter((b) => b.type !== 'keyword_argument').map((b) => toValue(b)),
      decorators: decoratorsOf(def),
      attrs: new Map(),
      methods: new Map(),
    };
    for (let st of named(def.childForFieldName('body'))) {
      if (st.type === 'decorated_definition') st = st.childForFieldName('definition') ?? st;
      if (st.type === 'function_definition') cls.methods.set(st.childForFieldName('name')?.text ?? '', functionOf(st, undefined));
      else if (st.type === 'expression_statement') {
        const a = named(st)[0];
        const left = a?.childForFieldName('left');
        const right = a?.childForFieldName('right');
        if (a?.type === 'assignment' && left?.type === 'identifier' && right) cls.attrs.set(left.text, toValue(right));
      }
    }
    return cls;
  };
  const visit = (node: SyntaxNode, scope?: PyFunction): void => {
    for (const st of named(node)) {
      switch (st.type) {
        case 'import_statement':
        case 'import_from_statement':
          importsOf(st, facts.imports);
          break;
        case 'expression_statement':
          for (const e of named(st)) {
            if (e.type === 'assignment') assignment(e, '=');
            else if (e.type === 'augmented_assignment' && e.childForFieldName('operator')?.text === '+=') assignment(e, '+=');
            else if (e.type === 'call') {
              const call = callValue(e);
              if (call.kind !== 'call') continue;
              facts.calls.push(scope ? { call, scope } : { call });
              const c = call.callee;
              const arg = call.args[0];
              if (c.kind === 'name' && c.path.length === 2 && (c.path[1] === 'append' || c.path[1] === 'extend') && arg)
                assign(c.path[0]!, { value: arg, line: call.line, op: c.path[1] });
            }
          }
          break;
        case 'decorated_definition':
          visit(st, scope);
          break;
        case 'function_definition': {
          const fn = functionOf(st, scope);
          if (!facts.functions.has(fn.name)) facts.functions.set(fn.name, fn);
          facts.functionList.push(fn);
          visit(st.childForFieldName('body') ?? st, fn);
          break;
        }
        case 'class_definition': {
          const cls = classOf(st, scope);
          if (!facts.classes.has(cls.name)) facts.classes.set(cls.name, cls);
          facts.classList.push(cls);
          break;
        }
        case 'for_statement': {
          const left = st.childForFieldName('left');
          const right = st.childForFieldName('right');
          // the loop variable stands for each item of the iterable (expanded when a name's values are read)
          if (left?.type === 'identifier' && right) assign(left.text, { value: toValue(right), line: lineOf(st), op: 'for' });
          visit(st.childForFieldName('body') ?? st, scope);
          break;
        }
        case 'block':
        case 'if_statement':
        case 'elif_clause':
        case 'else_clause':
        case 'try_statement':
        case 'except_clause':
        case 'finally_clause':
        case 'with_statement':
        case 'while_statement':
          visit(st, scope);
          break;
        default:
          break;
      }
    }
  };
  visit(root);
  for (const i of facts.imports) if (i.level === 0) facts.packages.add(i.module.split('.')[0]!);
  return facts;
}
