import type { ValidateFunction } from 'ajv';
import type { MediaSpec, OperationSpec, ParamSpec } from './operations.js';
import { PathRouter } from './path-router.js';

export interface ParamGroup {
  params: ParamSpec[];
  /** Validates an object of the group's values by name; undefined when the group is empty. */
  validate?: ValidateFunction;
}

export interface CompiledMedia extends Omit<MediaSpec, 'schema'> {
  validate?: ValidateFunction;
}

export interface CompiledOperation {
  readonly method: string;
  readonly template: string;
  readonly operationId?: string;
  readonly path: ParamGroup;
  readonly query: ParamGroup;
  readonly header: ParamGroup;
  /** Query parameter names the operation declares, for unknown_parameters. */
  readonly queryNames: ReadonlySet<string>;
  /** deepObject parameters own every `name[...]` key. */
  readonly deepObjectNames: readonly string[];
  /** An exploded object parameter spreads its properties as top-level names: undeclared names cannot be told apart. */
  readonly openQuery: boolean;
  readonly body?: { required: boolean; media: CompiledMedia[] };
}

export type SpecMatch =
  | { kind: 'operation'; operation: CompiledOperation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; template: string; allowed: string[] }
  | { kind: 'unknown-path' };

/** A parsed, validated and compiled API description. Build it with loadSpec(). */
export class LoadedSpec {
  private readonly router = new PathRouter<Map<string, CompiledOperation>>();

  constructor(
    readonly file: string,
    /** 2.0, 3.0.3, 3.1.0 … */
    readonly version: string,
    readonly title: string | undefined,
    readonly basePaths: readonly string[],
    readonly operations: readonly CompiledOperation[],
  ) {
    for (const op of operations) {
      const methods = new Map<string, CompiledOperation>();
      const existing = this.router.add(op.template, methods) ?? methods;
      existing.set(op.method, op);
    }
  }

  /** Matches a request; HEAD falls back to GET as HTTP servers do. */
  match(method: string, path: string): SpecMatch {
    for (const base of this.basePaths) {
      if (base && path !== base && !path.startsWith(`${base}/`)) continue;
      const hit = this.router.match(path.slice(base.length) || '/');
      if (!hit) continue;
      const m = method.toUpperCase();
      const operation = hit.value.get(m) ?? (m === 'HEAD' ? hit.value.get('GET') : undefined);
      if (operation) return { kind: 'operation', operation, params: hit.params };
      return { kind: 'method-not-allowed', template: hit.template, allowed: [...hit.value.keys()] };
    }
    return { kind: 'unknown-path' };
  }
}

export type { OperationSpec };
