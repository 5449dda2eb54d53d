// A benign corpus that is not in the repo and was not written for Vigil: the prose of the README files of the npm
// packages installed here (pinned by package-lock.json, so the same on every `npm ci`), one paragraph per request,
// posted as a comment body. Developer prose mentions code in every line (`import()`, `npm install x`, `<Object>`,
// ../../issues links, `.env` files): what a support desk, forum or issue tracker API receives. Code blocks, HTML and
// tables are dropped: they are code, not text about it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function readmes(nodeModules: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(nodeModules).sort()) {
    const dirs = name.startsWith('@') ? readdirSync(join(nodeModules, name)).sort().map((x) => join(name, x)) : [name];
    for (const d of dirs) {
      const f = join(nodeModules, d, 'README.md');
      if (existsSync(f)) files.push(f);
    }
  }
  return files;
}

/** The prose paragraphs of one markdown document (fenced and indented code, HTML blocks and tables removed). */
export function proseParagraphs(markdown: string): string[] {
  let fenced = false;
  const kept = markdown.split('\n').map((line) => {
    if (/^\s*(?:```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced || /^(?: {4}|\t)/.test(line) || /^\s*[<|]/.test(line) ? '' : line;
  });
  return kept
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 20 && p.length <= 2000 && !p.startsWith('[!'));
}

/** Writes the corpus as a HAR of JSON comment posts; returns its path and size. */
export function writeReadmeProseHar(nodeModules: string, file: string): { paragraphs: number; packages: number } {
  const files = readmes(nodeModules);
  const entries = files.flatMap((f) =>
    proseParagraphs(readFileSync(f, 'utf8')).map((text) => ({
      startedDateTime: '2026-01-01T00:00:00.000Z',
      time: 1,
      request: {
        method: 'POST',
        url: 'https://support.example/api/v1/tickets/4711/comments',
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'Host', value: 'support.example' },
          { name: 'User-Agent', value: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' },
          { name: 'Content-Type', value: 'application/json' },
        ],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: -1,
        postData: { mimeType: 'application/json', text: JSON.stringify({ author: 'sam', body: text }) },
      },
      response: { status: 201, statusText: 'Created', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'application/json' }, redirectURL: '', headersSize: -1, bodySize: 0 },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
    })),
  );
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'vigil-bench', version: '1' }, entries } }));
  return { paragraphs: entries.length, packages: files.length };
}
