// Refusals may quote the request only briefly: evidence is cut short and stripped of control characters.

const MAX_EVIDENCE = 32;
const MAX_NAME = 64;

function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

export function snippet(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(value) ?? '');
  return printable(text.length > MAX_EVIDENCE ? `${text.slice(0, MAX_EVIDENCE)}…` : text);
}

/** A name taken from the request (a query key, a JSON property) for use in a location. */
export function safeName(name: string): string {
  return printable(name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name);
}

/** The value at an Ajv instancePath (a JSON pointer) in data. */
export function valueAt(data: unknown, pointer: string): unknown {
  if (!pointer) return data;
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

export function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
