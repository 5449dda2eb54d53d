import { lineOf, type SyntaxNode } from '../tree-sitter.js';
import { constructorFramework, frameworkOfImport, isHandlerInterface, routerTypeFramework, type GoFramework } from './go-frameworks.js';
import type { FuncInfo, GoWorld, TypeRef } from './go-packages.js';
import { field, fields, named, rawType, stringLiteral, unparen, type RawType } from './go-syntax.js';
import { gorillaRouteCall, routerCall, type CallSite } from './framework-calls.js';
import { mountable, type FuncValue, type Value } from './go-values.js';
import type { RouterGraph } from './router-graph.js';

// Second pass over a Go file: evaluates function bodies just far enough to follow routers — which variable holds
// which router, which calls register routes or open groups, which functions receive or return a router — and
// records that in the RouterGraph. Nothing is executed; loops run once, both branches of an if are read.

const DEFAULT_MUX = 'net/http#DefaultServeMux';
type Scope = Map<string, Value | undefined>;

export class GoFileEvaluator {
  private scopes: Scope[] = [];
  private fnKey = '';
  private readonly pkg: string;

  constructor(
    private readonly world: GoWorld,
    private readonly graph: RouterGraph,
    private readonly file: string,
    pkg: string,
    /** Package variables holding literal data (route tables), by `${pkg}#${name}`, shared by every file. */
    private readonly packageData: Map<string, Value>,
  ) {
    this.pkg = pkg;
  }

  evaluateFile(root: SyntaxNode): void {
    for (const node of named(root)) {
      if (node.type === 'var_declaration') {
        this.fnKey = `${this.pkg}#init`;
        for (const spec of node.descendantsOfType('var_spec')) if (spec) this.packageVarSpec(spec);
      } else if (node.type === 'function_declaration' || node.type === 'method_declaration') this.functionDeclaration(node);
    }
  }

  private functionDeclaration(node: SyntaxNode): void {
    const name = field(node, 'name')?.text ?? '';
    const receiver = field(node, 'receiver');
    const recvParam = receiver ? named(receiver)[0] : undefined;
    const recvType = recvParam ? rawType(field(recvParam, 'type')) : undefined;
    this.fnKey = recvType ? `${this.pkg}.${recvType.name}.${name}` : `${this.pkg}.${name}`;
    this.scopes = [new Map()];
    const recvName = recvParam ? fields(recvParam, 'name')[0]?.text : undefined;
    if (recvName && recvType) this.scopes[0]!.set(recvName, { kind: 'typed', type: { pkg: this.pkg, name: recvType.name } });
    this.bindParameters(field(node, 'parameters'), this.fnKey);
    const body = field(node, 'body');
    if (body) this.statement(body);
  }

  private packageVarSpec(spec: SyntaxNode): void {
    const names = fields(spec, 'name');
    const values = field(spec, 'value');
    const exprs = values ? named(values) : [];
    this.scopes = [new Map()];
    names.forEach((n, i) => {
      const v = exprs.length === names.length ? this.expr(exprs[i]!) : undefined;
      const target = mountable(v);
      if (target) this.graph.alias(`${this.pkg}#${n.text}`, target.node);
      if (v?.kind === 'table' || (v?.kind === 'typed' && v.fields)) this.packageData.set(`${this.pkg}#${n.text}`, v);
    });
    if (exprs.length !== names.length) for (const e of exprs) this.expr(e);
  }

  /** Binds parameters in the current scope; router parameters become the nodes `${key}#p${i}`. */
  private bindParameters(list: SyntaxNode | undefined, key: string): Pick<FuncValue, 'routerParams' | 'handlerParams'> {
    const routerParams: (GoFramework | undefined)[] = [];
    const handlerParams: boolean[] = [];
    for (const p of list ? named(list) : []) {
      const type = p.type === 'variadic_parameter_declaration' ? undefined : rawType(field(p, 'type'));
      const names = fields(p, 'name');
      for (const n of names.length > 0 ? names : [undefined]) {
        const v = this.typeValue(type, `${key}#p${routerParams.length}`);
        routerParams.push(v?.kind === 'router' ? v.framework : undefined);
        handlerParams.push(v?.kind === 'handler');
        if (n) this.declare(n.text, v);
      }
    }
    return { routerParams, handlerParams };
  }

  // ---- scopes

  private declare(name: string, v: Value | undefined): void {
    if (name !== '_') this.scopes[this.scopes.length - 1]!.set(name, v);
  }

  private localScope(name: string): Scope | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) if (this.scopes[i]!.has(name)) return this.scopes[i];
    return undefined;
  }

  private withScope(run: () => void): void {
    this.scopes.push(new Map());
    try {
      run();
    } finally {
      this.scopes.pop();
    }
  }

  // ---- types

  private typeValue(raw: RawType | undefined, node: string): Value | undefined {
    const type = this.world.resolveType(raw, this.file);
    return type ? valueOfType(type, node) : undefined;
  }

  private funcValue(info: FuncInfo): FuncValue {
    const params = info.decl.params.map((p) => {
      const t = this.world.resolveType(p, info.file);
      return t ? valueOfType(t, '') : undefined;
    });
    const routerParams = params.map((v) => (v?.kind === 'router' ? v.framework : undefined));
    const handlerParams = params.map((v) => v?.kind === 'handler');
    const resultType = this.world.resolveType(info.decl.results[0], info.file);
    const result = resultType ? valueOfType(resultType, `${info.key}#ret`) : undefined;
    return result ? { kind: 'func', key: info.key, routerParams, handlerParams, result } : { kind: 'func', key: info.key, routerParams, handlerParams };
  }

  private packageVarValue(pkg: string, name: string): Value | undefined {
    const entry = this.world.packageVar(pkg, name);
    if (!entry) return undefined;
    const node = `${pkg}#${name}`;
    const data = this.packageData.get(node);
    if (data) return data;
    const { decl, file } = entry;
    if (decl.type) {
      const t = this.world.resolveType(decl.type, file);
      return t ? valueOfType(t, node) : undefined;
    }
    if (decl.init?.kind === 'composite') {
      const t = this.world.resolveType(decl.init.type, file);
      return t ? { kind: 'typed', type: t } : undefined;
    }
    if (decl.init?.kind === 'call') {
      const target = decl.init.qualifier ? this.world.importedPackage(file, decl.init.qualifier) : pkg;
      if (!target) return undefined;
      const fw = constructorFramework(target, decl.init.name);
      if (fw) return { kind: 'router', node, framework: fw };
      const info = this.world.func(target, decl.init.name);
      const result = info ? this.funcValue(info).result : undefined;
      if (result?.kind === 'router') return { ...result, node };
      return result?.kind === 'typed' ? result : undefined;
    }
    return undefined;
  }

  // ---- statements

  private statement(node: SyntaxNode): void {
    switch (node.type) {
      case 'block':
        this.withScope(() => named(node).forEach((c) => this.statement(c)));
        return;
      case 'statement_list':
        named(node).forEach((c) => this.statement(c));
        return;
      case 'short_var_declaration':
        this.assign(node, true);
        return;
      case 'assignment_statement':
        if (node.childForFieldName('operator')?.text === '=') this.assign(node, false);
        else named(node).forEach((c) => this.expr(c));
        return;
      case 'var_declaration':
      case 'const_declaration':
        for (const spec of named(node).flatMap((c) => (c.type === 'var_spec_list' ? named(c) : [c]))) this.localSpec(spec);
        return;
      case 'return_statement':
        this.returns(node);
        return;
      case 'range_clause': {
        const right = field(node, 'right');
        if (right) this.expr(right);
        const left = field(node, 'left');
        for (const n of left ? named(left) : []) if (n.type === 'identifier') this.declare(n.text, undefined);
        return;
      }
      case 'func_literal':
        this.expr(node);
        return;
      case 'for_statement':
        this.forStatement(node);
        return;
      case 'expression_switch_statement':
        this.withScope(() => this.switchStatement(node));
        return;
      default:
        if (isExpression(node)) this.expr(node);
        else this.withScope(() => named(node).forEach((c) => this.statement(c)));
    }
  }

  /** A range over a literal route table runs the body once per row; any other loop once. */
  private forStatement(node: SyntaxNode): void {
    const clause = named(node).find((c) => c.type === 'range_clause');
    const right = clause ? field(clause, 'right') : undefined;
    const body = field(node, 'body');
    const table = right ? this.expr(right) : undefined;
    const left = clause ? field(clause, 'left') : undefined;
    const [keyName, valueName] = left ? named(left).map((n) => (n.type === 'identifier' ? n.text : '_')) : [];
    if (!clause || !body || table?.kind !== 'table' || table.rows.length > MAX_TABLE_ROWS) {
      this.withScope(() => {
        if (keyName) this.declare(keyName, undefined);
        if (valueName) this.declare(valueName, undefined);
        named(node).forEach((c) => (c.type === 'range_clause' ? undefined : this.statement(c)));
      });
      return;
    }
    for (const row of table.rows)
      this.withScope(() => {
        if (keyName) this.declare(keyName, row.key);
        if (valueName) this.declare(valueName, row.value);
        this.statement(body);
      });
  }

  /** switch on a known string: only the matching case (or default) runs. */
  private switchStatement(node: SyntaxNode): void {
    const init = field(node, 'initializer');
    if (init) this.statement(init);
    const tagNode = field(node, 'value');
    const tag = tagNode ? this.expr(tagNode) : undefined;
    const cases = named(node).filter((c) => c.type === 'expression_case' || c.type === 'default_case');
    const bodyOf = (c: SyntaxNode): void => {
      const values = field(c, 'value');
      this.withScope(() => named(c).forEach((s) => (s.startIndex === values?.startIndex && s.type === values.type ? undefined : this.statement(s))));
    };
    if (tag?.kind === 'string') {
      const labels = cases.map((c) => {
        const values = field(c, 'value');
        return values ? named(values).map((v) => this.expr(v)) : undefined;
      });
      if (labels.every((l) => l === undefined || l.every((v) => v?.kind === 'string'))) {
        const hit = labels.findIndex((l) => l?.some((v) => v?.kind === 'string' && v.value === tag.value));
        const chosen = hit >= 0 ? cases[hit] : cases.find((c) => c.type === 'default_case');
        if (chosen) bodyOf(chosen);
        return;
      }
    }
    cases.forEach(bodyOf);
  }

  private localSpec(spec: SyntaxNode): void {
    const names = fields(spec, 'name');
    const type = field(spec, 'type');
    const values = field(spec, 'value');
    const exprs = values ? named(values) : [];
    const evaluated = exprs.map((e) => this.expr(e));
    names.forEach((n, i) => {
      const v = exprs.length === names.length ? evaluated[i] : undefined;
      this.declare(n.text, v ?? (type ? this.typeValue(rawType(type), `${this.file}:${n.startIndex}`) : undefined));
    });
  }

  private assign(node: SyntaxNode, declare: boolean): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const targets = left ? named(left) : [];
    const exprs = right ? named(right) : [];
    const values = exprs.map((e) => this.expr(e));
    targets.forEach((t, i) => {
      const v = exprs.length === targets.length ? values[i] : i === 0 ? values[0] : undefined;
      if (declare) {
        if (t.type === 'identifier') this.declare(t.text, v);
        return;
      }
      this.store(t, v);
    });
  }

  /** `x = v`, `pkgVar = v`, `s.router = v`; the target is still read for its calls (`e.GET(…).Name = "x"`). */
  private store(target: SyntaxNode, v: Value | undefined): void {
    const mount = mountable(v);
    if (target.type === 'identifier') {
      const scope = this.localScope(target.text);
      const before = scope?.get(target.text);
      // a string reassigned inside a branch or loop depends on the run: neither value is reported
      const conditional = scope !== this.scopes[this.scopes.length - 1] && (before?.kind === 'string' || v?.kind === 'string');
      if (scope) scope.set(target.text, conditional && !sameString(before, v) ? undefined : v);
      else if (mount && this.world.packageVar(this.pkg, target.text)) this.graph.alias(`${this.pkg}#${target.text}`, mount.node);
    } else if (target.type === 'selector_expression') {
      const holder = mountable(this.selectorValue(target));
      if (holder && mount) this.graph.alias(holder.node, mount.node);
    } else this.expr(target);
  }

  private returns(node: SyntaxNode): void {
    const list = named(node)[0];
    const exprs = list ? (list.type === 'expression_list' ? named(list) : [list]) : [];
    const values = exprs.map((e) => this.expr(e));
    const target = mountable(values[0]);
    if (target) this.graph.alias(`${this.fnKey}#ret`, target.node);
  }

  // ---- expressions

  private expr(node: SyntaxNode): Value | undefined {
    switch (node.type) {
      case 'parenthesized_expression':
        return this.expr(unparen(node));
      case 'interpreted_string_literal':
      case 'raw_string_literal': {
        const value = stringLiteral(node);
        return value === undefined ? undefined : { kind: 'string', value };
      }
      case 'identifier':
        return this.identifier(node.text);
      case 'binary_expression': {
        const l = field(node, 'left');
        const r = field(node, 'right');
        const lv = l ? this.expr(l) : undefined;
        const rv = r ? this.expr(r) : undefined;
        if (node.childForFieldName('operator')?.text === '+' && lv?.kind === 'string' && rv?.kind === 'string') return { kind: 'string', value: lv.value + rv.value };
        return undefined;
      }
      case 'selector_expression':
        return this.selectorValue(node);
      case 'call_expression':
        return this.call(node);
      case 'unary_expression': {
        const operand = field(node, 'operand');
        const v = operand ? this.expr(operand) : undefined;
        const op = node.childForFieldName('operator')?.text;
        return op === '&' || op === '*' ? v : undefined;
      }
      case 'composite_literal':
        return this.composite(node);
      case 'func_literal':
        return this.funcLiteral(node);
      case 'type_assertion_expression': {
        const operand = field(node, 'operand');
        const v = operand ? this.expr(operand) : undefined;
        return mountable(v) ? v : this.typeValue(rawType(field(node, 'type')), `${this.file}:${node.startIndex}`);
      }
      default:
        named(node).forEach((c) => this.expr(c));
        return undefined;
    }
  }

  private identifier(name: string): Value | undefined {
    const scope = this.localScope(name);
    if (scope) return scope.get(name);
    const constant = this.world.constString(this.pkg, name);
    if (constant !== undefined) return { kind: 'string', value: constant };
    const pkgVar = this.packageVarValue(this.pkg, name);
    if (pkgVar) return pkgVar;
    const info = this.world.func(this.pkg, name);
    return info ? this.funcValue(info) : undefined;
  }

  /** The package an identifier names when it is an import alias not shadowed by a local. */
  private importedPackage(node: SyntaxNode): string | undefined {
    if (node.type !== 'identifier' || this.localScope(node.text)) return undefined;
    return this.world.importedPackage(this.file, node.text);
  }

  private selectorValue(node: SyntaxNode): Value | undefined {
    const operand = field(node, 'operand');
    const name = field(node, 'field')?.text;
    if (!operand || !name) return undefined;
    const pkg = this.importedPackage(operand);
    if (pkg !== undefined) {
      if (pkg === 'net/http' && name === 'DefaultServeMux') return { kind: 'router', node: DEFAULT_MUX, framework: 'net/http' };
      const method = methodConstant(pkg, name);
      if (method) return { kind: 'string', value: method };
      const constant = this.world.constString(pkg, name);
      if (constant !== undefined) return { kind: 'string', value: constant };
      const info = this.world.func(pkg, name);
      return info ? this.funcValue(info) : this.packageVarValue(pkg, name);
    }
    const holder = this.expr(operand);
    if (holder?.kind !== 'typed') return undefined;
    const known = holder.fields?.get(name);
    if (known && (known.kind !== 'typed' || !this.world.structFields(holder.type)?.has(name))) return known;
    const f = this.world.structFields(holder.type)?.get(name);
    if (f) {
      const t = this.world.resolveType(f.type, f.file);
      return t ? valueOfType(t, `${holder.type.pkg}.${holder.type.name}.${name}`) : undefined;
    }
    const method = this.world.method(holder.type, name);
    return method ? this.funcValue(method) : undefined;
  }

  private composite(node: SyntaxNode): Value | undefined {
    const typeNode = field(node, 'type');
    const body = field(node, 'body');
    if (!body) return undefined;
    if (typeNode && ['slice_type', 'array_type', 'implicit_length_array_type', 'map_type'].includes(typeNode.type)) {
      const elementNode = field(typeNode, typeNode.type === 'map_type' ? 'value' : 'element');
      const element = elementNode?.type === 'struct_type' ? this.fieldNames(elementNode) : this.world.resolveType(rawType(elementNode), this.file);
      return this.table(body, element);
    }
    const type = this.world.resolveType(rawType(typeNode), this.file);
    const collection = type ? this.world.collectionElement(type) : undefined;
    if (collection) return this.table(body, collection.element);
    return this.record(body, type ?? { pkg: this.pkg, name: '' }, this.fieldNames(typeNode));
  }

  /** Field names in declaration order, for positional struct literals. */
  private fieldNames(typeNode: SyntaxNode | undefined): string[] {
    if (typeNode?.type === 'struct_type') {
      const list = named(typeNode).find((n) => n.type === 'field_declaration_list');
      return (list ? named(list) : []).flatMap((f) => fields(f, 'name').map((n) => n.text));
    }
    const type = this.world.resolveType(rawType(typeNode), this.file);
    return [...(type ? (this.world.structFields(type)?.keys() ?? []) : [])];
  }

  /** A struct literal: its fields by name, and router fields aliased to the routers assigned (`&Server{mux: m}`). */
  private record(body: SyntaxNode, type: TypeRef, names: string[]): Value {
    const structFields = this.world.structFields(type);
    const values = new Map<string, Value | undefined>();
    named(body).forEach((el, i) => {
      if (el.type === 'keyed_element') {
        const [key, value] = named(el).map(unwrapElement);
        const v = value ? this.elementValue(value, undefined) : undefined;
        if (key?.type !== 'identifier') return;
        values.set(key.text, v);
        const target = mountable(v);
        if (structFields?.has(key.text) && target) this.graph.alias(`${type.pkg}.${type.name}.${key.text}`, target.node);
      } else {
        const v = this.elementValue(unwrapElement(el), undefined);
        const name = names[i];
        if (name) values.set(name, v);
      }
    });
    return { kind: 'typed', type, fields: values };
  }

  /** Rows of a slice, array or map literal; `element` is the element type, or an anonymous struct's field names. */
  private table(body: SyntaxNode, element: TypeRef | string[] | undefined): Value {
    const rows = named(body).map((el) => {
      if (el.type === 'keyed_element') {
        const [key, value] = named(el).map(unwrapElement);
        return { key: key ? this.expr(key) : undefined, value: value ? this.elementValue(value, element) : undefined };
      }
      return { key: undefined, value: this.elementValue(unwrapElement(el), element) };
    });
    return { kind: 'table', rows };
  }

  /** An element of a composite literal; `{…}` with the type elided takes the element type. */
  private elementValue(node: SyntaxNode, element: TypeRef | string[] | undefined): Value | undefined {
    if (node.type !== 'literal_value') return this.expr(node);
    if (Array.isArray(element)) return this.record(node, { pkg: this.pkg, name: '' }, element);
    const type = element ?? { pkg: this.pkg, name: '' };
    return this.record(node, type, [...(this.world.structFields(type)?.keys() ?? [])]);
  }

  private funcLiteral(node: SyntaxNode): FuncValue {
    const key = `lit:${this.file}:${node.startIndex}`;
    const outerKey = this.fnKey;
    let params: Pick<FuncValue, 'routerParams' | 'handlerParams'> = { routerParams: [], handlerParams: [] };
    this.withScope(() => {
      params = this.bindParameters(field(node, 'parameters'), key);
      this.fnKey = key;
      const body = field(node, 'body');
      if (body) this.statement(body);
    });
    this.fnKey = outerKey;
    const resultType = this.world.resolveType(parameterResult(field(node, 'result')), this.file);
    const result = resultType ? valueOfType(resultType, `${key}#ret`) : undefined;
    return result ? { kind: 'func', key, ...params, result } : { kind: 'func', key, ...params };
  }

  // ---- calls

  private call(node: SyntaxNode): Value | undefined {
    const fn = unparen(field(node, 'function') ?? node);
    const argList = field(node, 'arguments');
    const argNodes = argList ? named(argList) : [];
    if (fn.type === 'selector_expression') {
      const operand = field(fn, 'operand');
      const nameNode = field(fn, 'field');
      if (!operand || !nameNode) return undefined;
      const pkg = this.importedPackage(operand);
      if (pkg !== undefined) return this.packageCall(pkg, nameNode.text, argNodes, node);
      const recv = this.expr(operand);
      return this.methodCall(recv, nameNode, argNodes, node);
    }
    if (fn.type === 'identifier' && fn.text === 'new' && !this.localScope('new')) {
      const t = this.world.resolveType(rawType(argNodes[0]), this.file);
      return t ? { kind: 'typed', type: t } : undefined;
    }
    const callee = this.expr(fn);
    if (callee?.kind === 'func') return this.invoke(callee, argNodes, node);
    return this.wrapper(argNodes.map((a) => this.handlerOf(this.expr(a))));
  }

  /** An unknown function given a router returns something that may be that router (middleware wrapping it). */
  private wrapper(args: (Value | undefined)[]): Value | undefined {
    for (const a of args) {
      const m = mountable(a);
      if (m) return m.prefix ? { kind: 'handler', node: m.node, stripPrefix: m.prefix } : { kind: 'handler', node: m.node };
    }
    return undefined;
  }

  private invoke(callee: FuncValue, argNodes: SyntaxNode[], callNode: SyntaxNode): Value | undefined {
    const args = argNodes.map((a) => this.handlerOf(this.expr(a)));
    const passedThrough: string[] = [];
    args.forEach((a, i) => {
      const m = mountable(a);
      if (m && callee.routerParams[i]) this.graph.mount(m.node, `${callee.key}#p${i}`, m.prefix);
      if (m && callee.handlerParams[i]) passedThrough.push(m.node);
    });
    if (callee.result?.kind !== 'handler' || passedThrough.length === 0) return callee.result;
    // middleware(next http.Handler) http.Handler: the result is what the function builds, or else what it was given
    const node = `${this.file}:${callNode.startIndex}`;
    this.graph.mount(node, callee.result.node, '');
    for (const p of passedThrough) this.graph.mount(node, p, '');
    return { kind: 'handler', node };
  }

  /** A value of a struct type serving HTTP through a router it holds (embedded, or a field its ServeHTTP uses). */
  private handlerOf(v: Value | undefined): Value | undefined {
    if (v?.kind !== 'typed') return v;
    const embedded = this.embeddedRouter(v.type);
    if (embedded) return embedded;
    if (!this.world.method(v.type, 'ServeHTTP')) return v;
    for (const [name, f] of this.world.structFields(v.type) ?? []) {
      const t = this.world.resolveType(f.type, f.file);
      const fieldValue = t ? valueOfType(t, `${v.type.pkg}.${v.type.name}.${name}`) : undefined;
      if (fieldValue?.kind === 'router') return fieldValue;
    }
    return v;
  }

  private packageCall(pkg: string, name: string, argNodes: SyntaxNode[], node: SyntaxNode): Value | undefined {
    const fw = constructorFramework(pkg, name);
    if (fw) {
      argNodes.forEach((a) => this.expr(a));
      return { kind: 'router', node: `${this.file}:${node.startIndex}`, framework: fw };
    }
    if (pkg === 'net/http' && (name === 'Handle' || name === 'HandleFunc'))
      return routerCall({ kind: 'router', node: DEFAULT_MUX, framework: 'net/http' }, name, this.site(node, field(node, 'function') ?? node, argNodes));
    if (pkg === 'net/http' && name === 'StripPrefix') {
      const [prefix, inner] = argNodes.map((a) => this.handlerOf(this.expr(a)));
      const m = mountable(inner);
      if (!m || prefix?.kind !== 'string') return undefined;
      return { kind: 'handler', node: m.node, stripPrefix: `${prefix.value.replace(/\/$/, '')}/${m.prefix}` };
    }
    const info = this.world.func(pkg, name);
    if (info) return this.invoke(this.funcValue(info), argNodes, node);
    return this.wrapper(argNodes.map((a) => this.handlerOf(this.expr(a))));
  }

  private methodCall(recv: Value | undefined, nameNode: SyntaxNode, argNodes: SyntaxNode[], node: SyntaxNode): Value | undefined {
    const name = nameNode.text;
    if (recv?.kind === 'router') return routerCall(recv, name, this.site(node, nameNode, argNodes));
    if (recv?.kind === 'gorillaRoute') return gorillaRouteCall(recv, name, this.site(node, nameNode, argNodes));
    if (recv?.kind === 'typed') {
      const method = this.world.method(recv.type, name);
      if (method) return this.invoke(this.funcValue(method), argNodes, node);
      const embedded = this.embeddedRouter(recv.type);
      if (embedded) return routerCall(embedded, name, this.site(node, nameNode, argNodes));
    }
    if (recv?.kind === 'func' && name === 'ServeHTTP') return undefined;
    // A method on a value of unknown type (an interface, a range variable) given a router: every method of that
    // name taking a router there may be the one called.
    const args = argNodes.map((a) => this.handlerOf(this.expr(a)));
    if (recv === undefined || recv.kind === 'typed') {
      for (const candidate of this.world.methodsNamed(name, recv?.type)) {
        const fv = this.funcValue(candidate);
        args.forEach((a, i) => {
          const m = mountable(a);
          if (m && fv.routerParams[i]) this.graph.mount(m.node, `${fv.key}#p${i}`, m.prefix);
        });
      }
    }
    return this.wrapper(args);
  }

  private embeddedRouter(type: TypeRef): Value & { kind: 'router' } | undefined {
    for (const [fieldName, f] of this.world.structFields(type) ?? []) {
      if (!f.embedded) continue;
      const t = this.world.resolveType(f.type, f.file);
      const v = t ? valueOfType(t, `${type.pkg}.${type.name}.${fieldName}`) : undefined;
      if (v?.kind === 'router') return v;
    }
    return undefined;
  }

  private site(node: SyntaxNode, at: SyntaxNode, argNodes: SyntaxNode[]): CallSite {
    const args = argNodes.map((a) => this.handlerOf(this.expr(a)));
    return {
      graph: this.graph,
      file: this.file,
      line: lineOf(at),
      newNode: `${this.file}:${node.startIndex}`,
      args,
      stringList: (i) => {
        const n = argNodes[i];
        if (n?.type !== 'composite_literal') return undefined;
        const body = field(n, 'body');
        const out: string[] = [];
        for (const el of body ? named(body) : []) {
          const v = this.expr(unwrapElement(el));
          if (v?.kind !== 'string') return undefined;
          out.push(v.value);
        }
        return out;
      },
    };
  }
}

const MAX_TABLE_ROWS = 500;

function unwrapElement(node: SyntaxNode): SyntaxNode {
  return node.type === 'literal_element' ? (named(node)[0] ?? node) : node;
}

function sameString(a: Value | undefined, b: Value | undefined): boolean {
  return a?.kind === 'string' && b?.kind === 'string' && a.value === b.value;
}

/** http.MethodPost, echo.POST: the method names the router packages export as constants. */
function methodConstant(pkg: string, name: string): string | undefined {
  const fw = frameworkOfImport(pkg);
  if (fw === 'net/http' && /^Method[A-Z][a-z]+$/.test(name)) return name.slice('Method'.length).toUpperCase();
  if (fw === 'echo' && /^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|CONNECT|TRACE|PROPFIND|REPORT)$/.test(name)) return name;
  return undefined;
}

function valueOfType(type: TypeRef, node: string): Value | undefined {
  const fw = routerTypeFramework(type.pkg, type.name);
  if (fw) return { kind: 'router', node, framework: fw };
  if (isHandlerInterface(type.pkg, type.name)) return { kind: 'handler', node };
  return { kind: 'typed', type };
}

function parameterResult(result: SyntaxNode | undefined): RawType | undefined {
  if (!result) return undefined;
  if (result.type !== 'parameter_list') return rawType(result);
  const first = named(result)[0];
  return first ? rawType(field(first, 'type')) : undefined;
}

function isExpression(node: SyntaxNode): boolean {
  return node.type.endsWith('_expression') || ['identifier', 'func_literal', 'composite_literal'].includes(node.type);
}
