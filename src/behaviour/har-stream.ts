import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { exchangesFromHar, HarError, type HarProblem } from '../capture/har/har.js';
import type { Exchange } from '../exchange/exchange.js';

// Reads a HAR capture of any size: the file streams through a small scanner that finds log.entries and cuts it
// into entry texts (tracking strings and nesting, no regular expressions); batches of entries go through the
// ordinary HAR reader, so validation is the same as for small files.

const BATCH = 2000;

export interface HarBatch {
  /** Index of the first entry of the batch. */
  first: number;
  exchanges: { index: number; exchange: Exchange }[];
  problems: HarProblem[];
}

class EntryScanner {
  private state: 'seek' | 'array' | 'done' = 'seek';
  private seekTail = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private current = '';
  readonly entries: string[] = [];

  push(chunk: string): void {
    let i = 0;
    if (this.state === 'seek') {
      const text = this.seekTail + chunk;
      const at = text.indexOf('"entries"');
      if (at < 0) {
        this.seekTail = text.slice(-16);
        return;
      }
      const open = text.indexOf('[', at);
      if (open < 0) {
        this.seekTail = text.slice(at);
        return;
      }
      this.state = 'array';
      chunk = text.slice(open + 1);
    }
    if (this.state !== 'array') return;
    let start = this.depth > 0 ? 0 : -1;
    /** Backslashes before this index belong to an escape already handled. */
    let floor = i;
    while (i < chunk.length) {
      if (this.inString) {
        // jump to the next quote natively, then count the backslashes before it
        if (this.escaped) {
          this.escaped = false;
          i++;
          floor = i;
          continue;
        }
        const q = chunk.indexOf('"', i);
        if (q < 0) {
          this.escaped = endsWithOddBackslashes(chunk, chunk.length, floor);
          i = chunk.length;
          break;
        }
        i = q + 1;
        if (!endsWithOddBackslashes(chunk, q, floor)) this.inString = false;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) {
        if (this.depth === 0) start = i;
        this.depth++;
      } else if (c === 125 || c === 93) {
        if (this.depth === 0) {
          this.state = 'done';
          return;
        }
        this.depth--;
        if (this.depth === 0) {
          this.entries.push(this.current + chunk.slice(start, i + 1));
          this.current = '';
          start = -1;
        }
      }
      i++;
    }
    if (this.depth > 0 && start >= 0) this.current += chunk.slice(start);
  }

  get found(): boolean {
    return this.state !== 'seek';
  }
}

/** Whether the backslashes just before `end` (and not before `floor`) are odd in number: the character at `end` is escaped. */
function endsWithOddBackslashes(s: string, end: number, floor: number): boolean {
  let n = 0;
  for (let k = end - 1; k >= floor && s.charCodeAt(k) === 92; k--) n++;
  return n % 2 === 1;
}

/** Converts a batch of entry texts (the first being entry `first`) with the ordinary HAR reader. */
export function convertEntries(texts: string[], first: number, file: string): HarBatch {
  const { exchanges, problems } = exchangesFromHar(`{"log":{"entries":[${texts.join(',')}]}}`, file);
  const bad = new Set(problems.map((p) => p.entry));
  const out: HarBatch = { first, exchanges: [], problems: problems.map((p) => ({ entry: p.entry + first, message: p.message })) };
  let next = 0;
  for (let i = 0; i < texts.length; i++) if (!bad.has(i)) out.exchanges.push({ index: first + i, exchange: exchanges[next++]! });
  return out;
}

/** Streams a HAR file as batches of entry texts (unparsed), each with the index of its first entry. */
export async function* streamHarTexts(file: string, batch = BATCH): AsyncGenerator<{ first: number; texts: string[] }> {
  const scanner = new EntryScanner();
  const decoder = new StringDecoder('utf8');
  let index = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    scanner.push(decoder.write(chunk as Buffer));
    while (scanner.entries.length >= batch) {
      const texts = scanner.entries.splice(0, batch);
      yield { first: index, texts };
      index += texts.length;
    }
  }
  scanner.push(decoder.end());
  if (!scanner.found) throw new HarError(`${file}: not a HAR capture (no log.entries array)`);
  if (scanner.entries.length) yield { first: index, texts: scanner.entries.splice(0) };
}

/** Streams a HAR file as batches of exchanges with their entry indices. */
export async function* streamHar(file: string): AsyncGenerator<HarBatch> {
  for await (const b of streamHarTexts(file)) yield convertEntries(b.texts, b.first, file);
}
