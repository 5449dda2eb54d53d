import { registerTransform } from './transform.js';

/** Removes C-style comments (/* ... *\/, unterminated to the end) and turns SQL line comments into a space. MySQL's /*! ... *\/ keeps its body. */
export function removeComments(s: string): string {
  if (s.indexOf('/*') < 0 && s.indexOf('--') < 0 && s.indexOf('#') < 0) return s;
  // text outside comments is copied as slices, each comment becomes one space
  const parts: string[] = [];
  let last = 0;
  const n = s.length;
  const space = (from: number, to: number): void => {
    parts.push(s.slice(last, from), ' ');
    last = to;
  };
  for (let i = 0; i < n; i++) {
    const ch = s[i]!;
    if (ch === '/' && s[i + 1] === '*') {
      if (s[i + 2] === '!') {
        let j = i + 3;
        while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
        space(i, j);
        i = j - 1;
        continue;
      }
      const end = s.indexOf('*/', i + 2);
      const next = end < 0 ? n : end + 2;
      space(i, next);
      i = next - 1;
      continue;
    }
    if (ch === '*' && s[i + 1] === '/') {
      space(i, i + 2);
      i++;
      continue;
    }
    if ((ch === '-' && s[i + 1] === '-') || ch === '#') {
      // the line break ends the comment and goes with it
      const end = s.indexOf('\n', i);
      const next = end < 0 ? n : end + 1;
      space(i, next);
      i = next - 1;
      continue;
    }
  }
  if (last === 0) return s;
  parts.push(s.slice(last));
  return parts.join('');
}

registerTransform({ name: 'remove-comments', apply: removeComments });
