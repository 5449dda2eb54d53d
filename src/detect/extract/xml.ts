import type { RawValue } from '../types.js';

/**
 * A tolerant XML scanner (no parser dependency, linear): element text and attribute values, located by element name.
 * Malformed input yields what it can. CDATA is text. DOCTYPE and processing instructions are left to the raw-body scan.
 */
export function xmlValues(text: string, out: RawValue[], limit: number): void {
  const n = text.length;
  let i = 0;
  let current = 'xml';
  while (i < n && out.length < limit) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const t = text.slice(i, end).trim();
      if (t) out.push({ kind: 'body', location: `body:/${current}`, text: t, name: current.toLowerCase() });
    }
    if (lt < 0) break;
    if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      const t = text.slice(lt + 9, close < 0 ? n : close);
      if (t.trim()) out.push({ kind: 'body', location: `body:/${current}`, text: t, name: current.toLowerCase() });
      i = close < 0 ? n : close + 3;
      continue;
    }
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      i = close < 0 ? n : close + 3;
      continue;
    }
    const gt = text.indexOf('>', lt + 1);
    const tag = text.slice(lt + 1, gt < 0 ? n : gt);
    i = gt < 0 ? n : gt + 1;
    if (tag.startsWith('!') || tag.startsWith('?') || tag.startsWith('/')) continue;
    let j = 0;
    while (j < tag.length && !/[\s/]/.test(tag[j]!)) j++;
    current = tag.slice(0, j) || current;
    attributes(tag.slice(j), current, out);
  }
}

function attributes(s: string, element: string, out: RawValue[]): void {
  let i = 0;
  const n = s.length;
  while (i < n) {
    const eq = s.indexOf('=', i);
    if (eq < 0) return;
    const name = s.slice(i, eq).trim();
    let j = eq + 1;
    while (j < n && s[j] === ' ') j++;
    const q = s[j];
    let value: string;
    if (q === '"' || q === "'") {
      const close = s.indexOf(q, j + 1);
      value = s.slice(j + 1, close < 0 ? n : close);
      i = close < 0 ? n : close + 1;
    } else {
      let k = j;
      while (k < n && s[k] !== ' ' && s[k] !== '/') k++;
      value = s.slice(j, k);
      i = k;
    }
    if (value) out.push({ kind: 'body', location: `body:/${element}/@${name}`, text: value, name: name.toLowerCase() });
  }
}
