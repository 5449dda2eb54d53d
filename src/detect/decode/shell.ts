import { registerTransform } from './transform.js';

/**
 * Undoes shell evasions that keep a command runnable: quotes and backslashes inside words (c''at, c\at, "c"at),
 * empty expansions ($@, $*, ${x}, $1) and ${IFS} used as a space.
 */
export function shellUnquote(s: string): string {
  let out = '';
  let changed = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const ch = s[i]!;
    if (ch === "'" || ch === '"') {
      changed = true;
      continue;
    }
    if (ch === '\\' && i + 1 < n && s[i + 1] !== '\\') {
      changed = true;
      continue;
    }
    if (ch === '$') {
      const nx = s[i + 1];
      if (nx === '@' || nx === '*' || (nx !== undefined && nx >= '0' && nx <= '9')) {
        i++;
        changed = true;
        continue;
      }
      if (nx === '{') {
        const close = s.slice(i + 2, i + 40).indexOf('}');
        const end = close < 0 ? -1 : i + 2 + close;
        if (end > 0) {
          const name = s.slice(i + 2, end);
          if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name === '') {
            out += name.toUpperCase() === 'IFS' ? ' ' : '';
            i = end;
            changed = true;
            continue;
          }
        }
      } else if (s.startsWith('IFS', i + 1)) {
        out += ' ';
        i += 3;
        changed = true;
        continue;
      }
    }
    out += ch;
  }
  return changed ? out : s;
}

registerTransform({ name: 'shell-unquote', apply: shellUnquote });
