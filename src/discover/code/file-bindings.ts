import ts from 'typescript';
import type { BindingRef } from './route-model.js';
import { resolveModule } from './module-paths.js';

// A file's imports (ESM and require) and exports (ESM and module.exports), by binding name.

export const DEFAULT_FUNCTION = '__default_function';

/** Module specifiers imported by the file, by local name, including packages (for framework detection). */
export interface Imports {
  /** Local name → package or relative specifier and the imported name ('default', '*' or a name). */
  specifiers: Map<string, { module: string; imported: string }>;
  /** Local name → resolved binding in another source file. */
  bindings: Map<string, BindingRef>;
}

export function requireSpecifier(node: ts.Node): string | undefined {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1) {
    const arg = node.arguments[0]!;
    if (ts.isStringLiteral(arg)) return arg.text;
  }
  return undefined;
}

export function collectImports(sf: ts.SourceFile, file: string): Imports {
  const specifiers = new Map<string, { module: string; imported: string }>();
  const add = (local: string, module: string, imported: string): void => {
    specifiers.set(local, { module, imported });
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
      const module = st.moduleSpecifier.text;
      const clause = st.importClause;
      if (clause.name) add(clause.name.text, module, 'default');
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, module, '*');
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) add(el.name.text, module, (el.propertyName ?? el.name).text);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const module = d.initializer ? requireSpecifier(d.initializer) : undefined;
        if (!module) continue;
        if (ts.isIdentifier(d.name)) add(d.name.text, module, 'default');
        else if (ts.isObjectBindingPattern(d.name))
          for (const el of d.name.elements) if (ts.isIdentifier(el.name)) add(el.name.text, module, el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text);
      }
    }
  }
  const bindings = new Map<string, BindingRef>();
  for (const [local, s] of specifiers) {
    const target = resolveModule(file, s.module);
    if (target) bindings.set(local, { file: target, name: s.imported === '*' ? 'default' : s.imported });
  }
  return { specifiers, bindings };
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isDefault(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** Export name → local binding name. A default-exported anonymous function is DEFAULT_FUNCTION. */
export function collectExports(sf: ts.SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of sf.statements) {
    if (ts.isExportAssignment(st)) out.set('default', ts.isIdentifier(st.expression) ? st.expression.text : DEFAULT_FUNCTION);
    else if (ts.isFunctionDeclaration(st) && isExported(st)) {
      const name = st.name?.text ?? DEFAULT_FUNCTION;
      out.set(isDefault(st) ? 'default' : name, name);
    } else if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.set(d.name.text, d.name.text);
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.moduleSpecifier) {
      for (const el of st.exportClause.elements) out.set(el.name.text, (el.propertyName ?? el.name).text);
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = st.expression.left;
      if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === 'module' && left.name.text === 'exports') {
        const right = st.expression.right;
        out.set('default', ts.isIdentifier(right) ? right.text : DEFAULT_FUNCTION);
      }
    }
  }
  return out;
}
