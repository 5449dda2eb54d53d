import ts from 'typescript';
import type { FileFacts } from './route-model.js';

// NestJS: @Controller('users') classes and their @Get(':id') / @Post() … methods; app.setGlobalPrefix('api').

const DECORATOR_METHODS: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Delete: 'DELETE', Patch: 'PATCH', Options: 'OPTIONS', Head: 'HEAD', All: 'ANY' };

function decorators(node: ts.Node): { name: string; args: readonly ts.Expression[] }[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).flatMap((d): { name: string; args: readonly ts.Expression[] }[] => {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) return [{ name: e.expression.text, args: e.arguments }];
    if (ts.isIdentifier(e)) return [{ name: e.text, args: [] }];
    return [];
  });
}

function pathArg(args: readonly ts.Expression[]): string[] {
  const a = args[0];
  if (!a) return [''];
  if (ts.isStringLiteralLike(a)) return [a.text];
  if (ts.isArrayLiteralExpression(a)) return a.elements.filter(ts.isStringLiteralLike).map((s) => s.text);
  if (ts.isObjectLiteralExpression(a)) {
    for (const p of a.properties) if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'path') return pathArg([p.initializer]);
  }
  return [''];
}

export function collectNestRoutes(sf: ts.SourceFile, facts: FileFacts): void {
  const line = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node)) {
      const controller = decorators(node).find((d) => d.name === 'Controller');
      if (controller) {
        for (const prefix of pathArg(controller.args)) {
          for (const member of node.members) {
            if (!ts.isMethodDeclaration(member)) continue;
            for (const d of decorators(member)) {
              const method = DECORATOR_METHODS[d.name];
              if (!method) continue;
              for (const path of pathArg(d.args)) facts.nestRoutes.push({ method, path: `${prefix}/${path}`, file: facts.file, line: line(member), framework: 'nestjs' });
            }
          }
        }
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'setGlobalPrefix') {
      const a = node.arguments[0];
      if (a && ts.isStringLiteralLike(a)) facts.nestGlobalPrefix = a.text;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
