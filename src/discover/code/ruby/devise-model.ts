import { join } from 'node:path';
import type { Parser } from '@vscode/tree-sitter-wasm';
import { readSource } from '../read-source.js';
import { withTree, type SyntaxNode } from '../tree-sitter.js';
import { GENERATOR_DEFAULT, type DeviseModel } from './devise-routes.js';
import { singularize } from './inflect.js';
import { callArgs, names, option } from './ruby-values.js';

// The `devise :database_authenticatable, …, omniauth_providers: [...]` call of the model `devise_for` names:
// app/models/user.rb for `devise_for :users`, app/models/admin/user.rb for `class_name: 'Admin::User'`.

function modelFile(appRoot: string, resource: string, className: string | undefined): string {
  const path = className
    ? className
        .replace(/^::/, '')
        .split('::')
        .map((part) => part.replace(/([a-z\d])([A-Z])/g, '$1_$2').toLowerCase())
        .join('/')
    : singularize(resource);
  return join(appRoot, 'app', 'models', `${path}.rb`);
}

function findDevise(node: SyntaxNode): DeviseModel | undefined {
  if (node.type === 'call' && !node.childForFieldName('receiver') && node.childForFieldName('method')?.text === 'devise') {
    const { positional, options } = callArgs(node);
    const modules = positional.map((v) => names(v));
    if (modules.some((m) => m === undefined)) return undefined;
    return { modules: modules.flat() as string[], omniauthProviders: names(option(options, 'omniauth_providers')) ?? [] };
  }
  for (const c of node.namedChildren) {
    const found = c ? findDevise(c) : undefined;
    if (found) return found;
  }
  return undefined;
}

export function deviseModelIn(appRoot: string, resource: string, className: string | undefined, parser: Parser): DeviseModel {
  const file = modelFile(appRoot, resource, className);
  const source = readSource(file);
  return (source !== undefined && withTree(parser, source, findDevise)) || GENERATOR_DEFAULT;
}
