// Fills a rule's summary template: {key}, {count}, {count.NAME}, {ratio.NAME}, {distinct.NAME}, {sequential}.

export function renderSummary(template: string, key: string, metric: (name: string) => number | undefined): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const close = open < 0 ? -1 : template.indexOf('}', open);
    if (open < 0 || close < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const name = template.slice(open + 1, close);
    if (name === 'key') out += key;
    else {
      const v = metric(name);
      out += v === undefined ? `{${name}}` : Number.isInteger(v) ? String(v) : v.toFixed(2);
    }
    i = close + 1;
  }
  return out;
}
