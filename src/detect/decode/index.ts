// Registers every transformation (each file registers itself on import) and defines the request decoding chain.
import './url.js';
import './html.js';
import './escapes.js';
import './text.js';
import './comments.js';
import './shell.js';
import './base64.js';
import { transform } from './transform.js';

export { transform, transformNames } from './transform.js';

/** Rounds of URL → HTML → escape decoding: enough for double/triple encoding, bounded so hostile nesting stays cheap. */
export const MAX_DECODE_ROUNDS = 3;

const url = transform('url');
const html = transform('html');
const esc = transform('js-escapes');
const fold = transform('unicode-fold');
const nulls = transform('remove-nulls');

/** The canonical decoded form every detector reads. */
export function decodeValue(s: string): string {
  let cur = s;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const next = esc.apply(html.apply(url.apply(cur)));
    if (next === cur) break;
    cur = next;
  }
  return nulls.apply(fold.apply(cur));
}

const chains = new Map<string, ((s: string) => string)[]>();

/** A comma-separated chain of transform names as one function list, parsed once. */
export function chain(names: string): ((s: string) => string)[] {
  let c = chains.get(names);
  if (!c) {
    c = names.split(',').map((n) => {
      const t = transform(n.trim());
      return (s: string) => t.apply(s);
    });
    chains.set(names, c);
  }
  return c;
}
