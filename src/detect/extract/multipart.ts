import type { RawValue } from '../types.js';

/** The boundary parameter of a multipart content type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary=("?)([^";]{1,200})\1/i.exec(contentType);
  return m?.[2];
}

function param(disposition: string, name: string): string | undefined {
  const re = name === 'name' ? /(?:^|;)\s*name\s*=\s*(?:"([^"]*)"|([^;]*))/i : /(?:^|;)\s*filename\s*=\s*(?:"([^"]*)"|([^;]*))/i;
  const m = re.exec(disposition);
  return m ? (m[1] ?? m[2] ?? '').trim() : undefined;
}

/** multipart/form-data fields (body:NAME) and file names (filename:NAME); part contents of files are scanned as fields too. */
export function multipartValues(text: string, boundary: string, out: RawValue[], limit: number): void {
  const delim = `--${boundary}`;
  let pos = text.indexOf(delim);
  while (pos >= 0 && out.length < limit) {
    const start = pos + delim.length;
    if (text.startsWith('--', start)) return;
    const next = text.indexOf(delim, start);
    const part = text.slice(start, next < 0 ? text.length : next);
    const headEnd = part.indexOf('\r\n\r\n');
    const sep = headEnd >= 0 ? 4 : 2;
    const he = headEnd >= 0 ? headEnd : part.indexOf('\n\n');
    if (he >= 0) {
      const head = part.slice(0, he);
      let content = part.slice(he + sep);
      if (content.endsWith('\r\n')) content = content.slice(0, -2);
      else if (content.endsWith('\n')) content = content.slice(0, -1);
      const disp = /content-disposition:([^\r\n]*)/i.exec(head)?.[1] ?? '';
      const name = param(disp, 'name') ?? '';
      const filename = param(disp, 'filename');
      if (name) out.push({ kind: 'body-key', location: `body-key:${name}`, text: name, name: name.toLowerCase() });
      if (filename) out.push({ kind: 'filename', location: `filename:${name}`, text: filename, name: name.toLowerCase() });
      if (content) out.push({ kind: 'body', location: `body:${name}`, text: content, name: name.toLowerCase() });
    }
    pos = next;
  }
}
