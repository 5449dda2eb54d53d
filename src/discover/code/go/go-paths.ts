// Route patterns of the Go routers, normalised to the {param} templates CodeRoute reports:
// gin/echo `:id` and `*filepath` (echo's bare `*`), chi/gorilla `{id}` and `{id:[0-9]+}`, net/http `{id}`,
// `{rest...}` and `{$}`. Unnamed wildcards become `{*}`.

/** One pass over the pattern; brace-aware so regexes like `{id:[0-9]{3}}` stay inside their parameter. */
export function normalisePattern(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    const segmentStart = i === 0 || pattern[i - 1] === '/';
    if (c === '{') {
      let depth = 1;
      let j = i + 1;
      while (j < pattern.length && depth > 0) {
        if (pattern[j] === '{') depth++;
        else if (pattern[j] === '}') depth--;
        j++;
      }
      const inner = pattern.slice(i + 1, depth === 0 ? j - 1 : j);
      const name = inner.split(':')[0]!.replace(/\.\.\.$/, '').trim();
      if (name !== '$') out += `{${name === '' ? '*' : name}}`;
      i = j;
    } else if (segmentStart && (c === ':' || c === '*')) {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== '/') j++;
      const name = pattern.slice(i + 1, j);
      out += `{${name === '' ? '*' : name}}`;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Joins a mount prefix and a route path; a trailing slash is kept only where it is meaningful (net/http subtrees). */
export function joinGoPaths(prefix: string, path: string, keepTrailingSlash = false): string {
  const joined = `/${prefix}/${path}`.replace(/\/{2,}/g, '/');
  if (joined === '/') return '/';
  const trailing = keepTrailingSlash && path.endsWith('/');
  const trimmed = joined.replace(/\/$/, '');
  return trailing ? `${trimmed}/` : trimmed;
}

/** Go 1.22 ServeMux patterns: "[METHOD ][HOST]/path". */
export function splitServeMuxPattern(pattern: string): { method: string; path: string } {
  const trimmed = pattern.trim();
  const space = trimmed.search(/[ \t]/);
  let method = 'ANY';
  let rest = trimmed;
  if (space > 0) {
    method = trimmed.slice(0, space).toUpperCase();
    rest = trimmed.slice(space).trim();
  }
  const slash = rest.indexOf('/');
  return { method, path: slash > 0 ? rest.slice(slash) : rest };
}
