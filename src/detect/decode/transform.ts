// A transformation is one small decoding or normalisation step (like a Coraza/ModSecurity t: function).
// Each lives in its own file and registers itself by name; detectors ask a value for a chain of names.

export interface Transform {
  readonly name: string;
  /** Must be linear in the input's length and return the input itself when there is nothing to do. */
  apply(s: string): string;
}

const registry = new Map<string, Transform>();

export function registerTransform(t: Transform): void {
  if (registry.has(t.name)) throw new Error(`transform ${t.name} registered twice`);
  registry.set(t.name, t);
}

export function transform(name: string): Transform {
  const t = registry.get(name);
  if (!t) throw new Error(`unknown transform ${name}`);
  return t;
}

export function transformNames(): string[] {
  return [...registry.keys()];
}
