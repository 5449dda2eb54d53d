import { registerTransform } from './transform.js';

/** Special parameters that expand to (nearly) nothing inside a word: $@ $* $! $? $- $_ $$ $# and $0-$9. */
function specialParam(c: string | undefined): boolean {
  return c === '@' || c === '*' || c === '!' || c === '?' || c === '-' || c === '_' || c === '$' || c === '#' || (c !== undefined && c >= '0' && c <= '9');
}

function nameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function letterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Letters on both sides: an expansion glued inside a word (c$!at, pi``ng) rather than used on its own ($? in a test). */
function inWord(s: string, i: number, len: number): boolean {
  const a = s.charCodeAt(i - 1);
  const b = s.charCodeAt(i + len);
  const letter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return letter(a) && letter(b);
}

/**
 * Undoes shell evasions that keep a command runnable: quotes and backslashes inside words (c''at, c\at, "c"at),
 * backslash-newline continuations, empty expansions ($@, $*, $!, ${x}, $1, $() and `` ` ` `` with nothing inside,
 * <() >()), unset variables glued inside a word before a quote or backslash (cu$v\rl), $'…' and $"…" quoting, and
 * ${IFS} used as a space.
 */
export function shellUnquote(s: string): string {
  // unchanged runs are copied as slices and joined once (a long value full of edits makes no string per edit)
  const parts: string[] = [];
  let last = 0;
  const n = s.length;
  const drop = (from: number, to: number, insert = ''): void => {
    if (from > last) parts.push(s.slice(last, from));
    if (insert) parts.push(insert);
    last = to;
  };
  // inside a Windows path (c:\windows\system32) backslashes are separators, not escapes
  let windowsPath = false;
  for (let i = 0; i < n; i++) {
    const ch = s[i]!;
    if (windowsPath && (ch === ' ' || ch === '\t' || ch === '\n' || ch === "'" || ch === '"')) windowsPath = false;
    if (ch === '\\' && (windowsPath || (s[i - 1] === ':' && letterAt(s, i - 2) && !letterAt(s, i - 3)))) {
      windowsPath = true;
      continue;
    }
    if (ch === "'" || ch === '"') {
      drop(i, i + 1);
      continue;
    }
    if (ch === '\\' && i + 1 < n && s[i + 1] !== '\\') {
      if (s[i + 1] === '\n') {
        drop(i, i + 2);
        i++;
      } else drop(i, i + 1);
      continue;
    }
    if (ch === '`' && s[i + 1] === '`' && inWord(s, i, 2)) {
      // an empty command substitution inside a word: pi``ng
      drop(i, i + 2);
      i++;
      continue;
    }
    if ((ch === '$' || ch === '<' || ch === '>') && s[i + 1] === '(' && s[i + 2] === ')' && inWord(s, i, 3)) {
      drop(i, i + 3);
      i += 2;
      continue;
    }
    if (ch === '$') {
      const nx = s[i + 1];
      // $'…' (ANSI-C quoting) and $"…" (locale quoting) are quoted words: the $ goes with the quotes
      if (nx === "'" || nx === '"') {
        drop(i, i + 1);
        continue;
      }
      if (nx === '@' || nx === '*' || (nx !== undefined && nx >= '0' && nx <= '9') || (specialParam(nx) && inWord(s, i, 2))) {
        drop(i, i + 2);
        i++;
        continue;
      }
      if (nx === '{') {
        const close = s.slice(i + 2, i + 40).indexOf('}');
        const end = close < 0 ? -1 : i + 2 + close;
        if (end > 0) {
          const name = s.slice(i + 2, end);
          if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === '') {
            drop(i, end + 1, name.toUpperCase() === 'IFS' ? ' ' : '');
            i = end;
            continue;
          }
        }
      } else if (s.startsWith('IFS', i + 1)) {
        drop(i, i + 4, ' ');
        i += 3;
        continue;
      } else if (nameChar(s.charCodeAt(i + 1)) && letterAt(s, i - 1)) {
        // an unset variable glued inside a word and ended by a quote, a backslash or another $: cu$v\rl, n$u\c
        let k = i + 1;
        while (k < n && k - i < 20 && (nameChar(s.charCodeAt(k)) || (s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57))) k++;
        const end = s[k];
        if (end === '\\' || end === "'" || end === '"' || end === '$') {
          drop(i, k);
          i = k - 1;
          continue;
        }
      }
    }
  }
  if (last === 0) return s;
  parts.push(s.slice(last));
  return parts.join('');
}

registerTransform({ name: 'shell-unquote', apply: shellUnquote });
