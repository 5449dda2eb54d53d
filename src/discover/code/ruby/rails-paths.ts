import { joinPaths } from '../route-model.js';

// Rails route path strings: scopes joined as ActionDispatch joins them, then turned into templates: the optional
// `(.:format)` suffix dropped, other optional groups `(/:locale)` expanded into the paths with and without them,
// `:id` and globs `*path` → `{id}` / `{path}`.

const MAX_VARIANTS = 16;

/** Mapper.normalize_path: one leading slash, no doubled or trailing slashes, `/(` moved to `(/`. */
export function normalizeRailsPath(path: string): string {
  let p = `/${path}`.replace(/\/{2,}/g, '/');
  if (p !== '/') p = p.replace(/\/$/, '');
  return p.replace(/\/(\(+)\/?/g, '$1/');
}

export function mergeRailsPath(parent: string | undefined, child: string): string {
  return normalizeRailsPath(`${parent ?? ''}/${child}`);
}

function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

function expandOptional(s: string): string[] {
  const open = s.indexOf('(');
  if (open < 0) return [s];
  const close = closingParen(s, open);
  if (close < 0) return [s.replace(/[()]/g, '')];
  const before = s.slice(0, open);
  const inner = expandOptional(s.slice(open + 1, close));
  const after = expandOptional(s.slice(close + 1));
  const out: string[] = [];
  for (const middle of ['', ...inner]) for (const tail of after) out.push(before + middle + tail);
  return out;
}

export function railsTemplates(path: string): string[] {
  const withoutFormat = path.replace(/\(\.:format\)/g, '');
  let variants = expandOptional(withoutFormat);
  if (variants.length > MAX_VARIANTS) variants = [variants[0]!];
  const templates = variants.map((v) => joinPaths(v.replace(/[:*]([A-Za-z_]\w*)/g, '{$1}')));
  return [...new Set(templates)];
}
