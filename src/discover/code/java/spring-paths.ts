// Spring path patterns → route templates: `{id:[0-9]+}` and `{*rest}` become `{id}` / `{rest}`.

export function normaliseSpringPath(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    let depth = 0;
    let j = i;
    for (; j < pattern.length; j++) {
      if (pattern[j] === '{') depth++;
      else if (pattern[j] === '}' && --depth === 0) break;
    }
    const inner = pattern.slice(i + 1, j);
    const colon = inner.indexOf(':');
    out += `{${(colon >= 0 ? inner.slice(0, colon) : inner).replace(/^\*/, '').trim()}}`;
    i = j + 1;
  }
  return out;
}
