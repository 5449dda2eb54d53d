import type { Decorator, PyFacts, PyFunction } from './facts.js';
import type { ClassRef } from './views.js';
import { methodCall, type PyValue } from './values.js';

// Route decorators (`@app.get('/x')`, `@bp.route('/x')`, `@ns.route('/x')` on a Resource class) wherever they are.

export interface RouteDecorator {
  receiver: PyValue;
  method: string;
  call: Extract<PyValue, { kind: 'call' }>;
  line: number;
  /** Set when the decorator is on a class (class-based resources): its handler methods give the HTTP methods. */
  target?: ClassRef;
  /** The function the decorated definition is in (`def register(app): @app.route(…)`). */
  scope?: PyFunction;
}

export function routeDecorators(facts: PyFacts, names: Set<string>): RouteDecorator[] {
  const out: RouteDecorator[] = [];
  const add = (d: Decorator, scope: PyFunction | undefined, target?: ClassRef): void => {
    const mc = methodCall(d.value);
    if (mc && names.has(mc.method))
      out.push({ receiver: mc.receiver, method: mc.method, call: mc.call, line: d.line, ...(target ? { target } : {}), ...(scope ? { scope } : {}) });
  };
  for (const fn of facts.functionList) for (const d of fn.decorators) add(d, fn.scope);
  for (const cls of facts.classList) for (const d of cls.decorators) add(d, cls.scope, { file: facts.file, cls });
  return out;
}

export function receiverText(v: PyValue): string {
  return v.kind === 'name' ? v.path.join('.') : '?';
}
