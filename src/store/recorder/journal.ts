import { createWriteStream, mkdirSync, readdirSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { RecordRow } from '../record.js';

// The spill journal: append-only JSON-lines files, one series per process (journal-<pid>-<n>.jsonl), so that
// several gateway processes never share a file. A file is closed before it is replayed; files left by a process
// that died are claimed (renamed, atomically) by the next recorder that starts.

const NAME = /^journal-(\d+)-([0-9a-z-]+)\.jsonl$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Journal {
  private stream: WriteStream | undefined;
  private streamFile = '';
  private counter = 0;
  /** Closed files waiting for replay, with their sizes. */
  private readonly closed = new Map<string, number>();
  private readonly handedOut = new Map<string, number>();
  /** Bytes in every file not yet replayed, for the bound. */
  bytes = 0;
  /** Rows appended by this process and not yet replayed (files claimed from others are not counted). */
  rows = 0;
  writeErrors = 0;

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  private nextName(tag = ''): string {
    return join(this.dir, `journal-${process.pid}-${Date.now().toString(36)}-${tag}${this.counter++}.jsonl`);
  }

  /** Takes over files of processes that are gone (and of this pid's earlier life). Returns how many. */
  claimOrphans(): number {
    let claimed = 0;
    for (const name of readdirSync(this.dir)) {
      const m = NAME.exec(name);
      if (!m || (Number(m[1]) !== process.pid && alive(Number(m[1])))) continue;
      const path = join(this.dir, name);
      if (path === this.streamFile || this.closed.has(path) || this.handedOut.has(path)) continue;
      const mine = this.nextName('c');
      try {
        renameSync(path, mine);
        const size = statSync(mine).size;
        this.bytes += size;
        this.closed.set(mine, size);
        claimed++;
      } catch {
        // another process claimed it first
      }
    }
    return claimed;
  }

  /** Appends as many rows as the bound allows; returns how many were written. */
  append(rows: readonly RecordRow[]): number {
    let text = '';
    let size = 0;
    let written = 0;
    for (const r of rows) {
      const line = JSON.stringify(r) + '\n';
      const lineSize = Buffer.byteLength(line);
      if (this.bytes + size + lineSize > this.maxBytes) break;
      text += line;
      size += lineSize;
      written++;
    }
    if (written === 0) return 0;
    if (!this.stream) {
      this.streamFile = this.nextName();
      this.stream = createWriteStream(this.streamFile, { flags: 'a' });
      this.stream.on('error', () => this.writeErrors++);
      this.closed.set(this.streamFile, 0);
    }
    this.stream.write(text);
    this.closed.set(this.streamFile, (this.closed.get(this.streamFile) ?? 0) + size);
    this.bytes += size;
    this.rows += written;
    return written;
  }

  /** True when nothing waits for replay (files handed out and not yet confirmed still count). */
  get empty(): boolean {
    return this.closed.size === 0 && this.handedOut.size === 0;
  }

  private async endStream(): Promise<void> {
    const s = this.stream;
    if (!s) return;
    this.stream = undefined;
    await new Promise<void>((resolve) => s.end(resolve));
  }

  /** Closes the active file and hands out every closed file for replay; report back with replayed/retryLater. */
  async takeForReplay(): Promise<string[]> {
    // the list is taken before the active file is ended: rows spilled while it ends go to a new file, which must
    // not be handed out while it is still being written (the replay would delete it under the writer)
    const files = [...this.closed.keys()];
    await this.endStream();
    for (const f of files) {
      this.handedOut.set(f, this.closed.get(f) ?? 0);
      this.closed.delete(f);
    }
    return files;
  }

  /** A file was replayed (inserted and deleted). */
  replayed(file: string, rows: number): void {
    this.bytes = Math.max(0, this.bytes - (this.handedOut.get(file) ?? 0));
    this.rows = Math.max(0, this.rows - rows);
    this.handedOut.delete(file);
  }

  /** A replay failed: the file stays and is offered again. */
  retryLater(file: string): void {
    this.closed.set(file, this.handedOut.get(file) ?? 0);
    this.handedOut.delete(file);
  }

  async close(): Promise<void> {
    await this.endStream();
  }
}
