import type { SegmentShape } from './segment-shape.js';

// Names a path parameter after the segment before it: /users/{userId}, /Conversations/{conversationId}; {id} otherwise.

function singular(word: string): string {
  if (/ies$/i.test(word)) return word.slice(0, -3) + 'y';
  if (/(ss|us)$/i.test(word)) return word;
  if (/(sh|ch|x|ss)es$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word)) return word.slice(0, -1);
  return word;
}

function camel(word: string): string {
  const parts = word.split(/[-_.\s]+/).filter(Boolean);
  return parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

/** A parameter name for the segment after `previous` (a literal segment, or undefined after a parameter or at the root). */
export function parameterName(previous: string | undefined, shapes: ReadonlySet<SegmentShape>, taken: ReadonlySet<string>): string {
  let base = 'id';
  if (shapes.size === 1 && (shapes.has('date') || shapes.has('email'))) base = [...shapes][0]!;
  else if (previous && /^[A-Za-z][A-Za-z0-9_-]*$/.test(previous) && !/^v\d+$/i.test(previous)) base = `${camel(singular(previous))}Id`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}
