// A guard for configured redaction patterns: refuses the shapes that backtrack catastrophically
// (a quantified group that itself contains a quantifier, like (a+)+ or (\w*x)*, and back-references).

const QUANTIFIER_AFTER_GROUP = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

/** Returns a problem description, or undefined when the pattern is acceptable. */
export function unsafePatternProblem(source: string): string | undefined {
  if (/\\[1-9]/.test(source)) return 'back-references are not allowed';
  // stack of "does this open group contain a quantifier"
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === ')') {
      const inner = groups.pop() ?? false;
      const quantified = QUANTIFIER_AFTER_GROUP.test(source.slice(i + 1));
      if (inner && quantified) return 'a repeated group contains a repetition (nested quantifiers backtrack catastrophically)';
      if (groups.length > 0 && (inner || quantified)) groups[groups.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{' || (c === '?' && source[i - 1] !== '(')) && groups.length > 0) groups[groups.length - 1] = true;
  }
  try {
    new RegExp(source);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
