// Python frameworks' path syntaxes → the `{param}` templates CodeRoute reports.

/** Flask and Django `path()`: `<int:id>`, `<id>`, `<path:p>`, `<any(a,b):x>` → `{id}`. */
export function angleParams(path: string): string {
  return path.replace(/<(?:[^<>:]*:)?([A-Za-z_]\w*)>/g, '{$1}');
}

/** FastAPI / Starlette: `{file_path:path}` → `{file_path}`. */
export function braceParams(path: string): string {
  return path.replace(/\{([A-Za-z_]\w*):[^{}]*\}/g, '{$1}');
}

const REGEX_META = new Set(['.', '*', '+', '?', '[', ']', '(', ')', '{', '}', '|', '^', '$']);

/** Index after the group starting at `open` (a '('), honouring escapes and character classes; -1 if unbalanced. */
function groupEnd(re: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

function skipQuantifier(re: string, i: number): number {
  let j = i;
  if (re[j] === '{') {
    const close = re.indexOf('}', j);
    j = close === -1 ? j : close + 1;
  } else if (re[j] === '*' || re[j] === '+' || re[j] === '?') j++;
  if (re[j] === '?' || re[j] === '+') j++;
  return j;
}

/**
 * Django `re_path()` / `url()` regex → template: named groups become `{name}`, unnamed ones `{arg1}`…, escapes their
 * character, `^`/`$` go, and an optional single character (`/?`) is dropped. Undefined for what is no single path
 * (alternations, character classes or wildcards outside groups).
 */
export function regexPath(re: string): string | undefined {
  let out = '';
  let unnamed = 0;
  let i = 0;
  while (i < re.length) {
    const c = re[i]!;
    if (c === '^' || c === '$') {
      i++;
      continue;
    }
    if (c === '(') {
      const end = groupEnd(re, i);
      if (end === -1) return undefined;
      const named = /^\(\?P<([A-Za-z_]\w*)>/.exec(re.slice(i, i + 64));
      const after = skipQuantifier(re, end);
      const optional = re[end] === '?' || re[end] === '*';
      if (re.startsWith('(?:', i) || re.startsWith('(?i', i)) {
        // a non-capturing group: its literal text if it has no pattern characters, gone when optional
        const inner = regexPath(re.slice(i + 3, end - 1));
        if (optional) out += '';
        else if (inner === undefined || inner.includes('{')) return undefined;
        else out += inner;
      } else out += named ? `{${named[1]}}` : `{arg${++unnamed}}`;
      i = after;
      continue;
    }
    if (c === '\\') {
      const next = re[i + 1];
      if (next === undefined || /[dDwWsSbB]/.test(next)) return undefined;
      const after = skipQuantifier(re, i + 2);
      if (re[i + 2] !== '?') out += next;
      i = after;
      continue;
    }
    if (REGEX_META.has(c)) return undefined;
    if (re[i + 1] === '?') {
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
