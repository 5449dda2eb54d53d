import { registerTransform } from './transform.js';

/** Removes C-style comments (/* ... *\/, unterminated to the end) and turns SQL line comments into a space. MySQL's /*! ... *\/ keeps its body. */
export function removeComments(s: string): string {
  if (s.indexOf('/*') < 0 && s.indexOf('--') < 0 && s.indexOf('#') < 0) return s;
  let out = '';
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const ch = s[i]!;
    if (ch === '/' && s[i + 1] === '*') {
      if (s[i + 2] === '!') {
        let j = i + 3;
        while (j < n && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
        out += ' ';
        i = j - 1;
        continue;
      }
      const end = s.indexOf('*/', i + 2);
      out += ' ';
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (ch === '*' && s[i + 1] === '/') {
      out += ' ';
      i++;
      continue;
    }
    if ((ch === '-' && s[i + 1] === '-') || ch === '#') {
      const end = s.indexOf('\n', i);
      out += ' ';
      i = end < 0 ? n : end;
      continue;
    }
    out += ch;
  }
  return out;
}

registerTransform({ name: 'remove-comments', apply: removeComments });
