import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// An append-only disk journal of events that could not be published: one line per event, appended with a write
// system call (it survives the process, not the machine). Files rotate ("seal") before they are replayed, so
// appends never race a replay; a sealed file is deleted only once every line in it was published.

const ACTIVE = /^spool-(\d+)-(\d+)\.jsonl$/;
const SEALED = /^sealed-(\d+)-(\d+)-(\d+)\.jsonl$/;
// the publisher's in-flight journal (inflight-journal.ts): adopted like a spool file when its process is gone
const INFLIGHT = /^inflight-(\d+)-(\d+)\.jsonl$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SpoolJournal {
  private fd: number | undefined;
  private activePath: string | undefined;
  private activeLines = 0;
  private seq = 0;
  /** Lines appended since this process started. */
  appended = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.adoptOrphans();
  }

  /** Appends one event (a single line: JSON never holds a raw newline). */
  append(line: Uint8Array): void {
    if (this.fd === undefined) {
      this.activePath = join(this.dir, `spool-${process.pid}-${Date.now()}${String(this.seq++).padStart(4, '0')}.jsonl`);
      this.fd = openSync(this.activePath, 'a');
    }
    writeSync(this.fd, Buffer.concat([line, Buffer.from('\n')]));
    this.activeLines++;
    this.appended++;
  }

  /** Whether anything is waiting to be replayed. */
  get pending(): boolean {
    return this.activeLines > 0 || this.sealedFiles().length > 0;
  }

  /** Closes the active file and makes it replayable; appends after this start a new file. */
  seal(): void {
    if (this.fd === undefined || !this.activePath) return;
    closeSync(this.fd);
    this.fd = undefined;
    if (this.activeLines > 0) renameSync(this.activePath, join(this.dir, `sealed-${process.pid}-${Date.now()}-${this.seq++}.jsonl`));
    else unlinkSync(this.activePath);
    this.activePath = undefined;
    this.activeLines = 0;
  }

  /** This process's sealed files, oldest first (each process replays only its own and those it adopted). */
  sealedFiles(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => Number(SEALED.exec(f)?.[1]) === process.pid)
      .sort((a, b) => statSync(join(this.dir, a)).mtimeMs - statSync(join(this.dir, b)).mtimeMs || a.localeCompare(b))
      .map((f) => join(this.dir, f));
  }

  /** The events of a sealed file (a torn last line from a crash is skipped). */
  read(path: string): Uint8Array[] {
    const text = readFileSync(path);
    const out: Uint8Array[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== 0x0a) continue;
      if (i > start) out.push(text.subarray(start, i));
      start = i + 1;
    }
    return out;
  }

  /** A sealed file whose every event was published. */
  done(path: string): void {
    unlinkSync(path);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Files left by processes that are gone (spool and in-flight journal) become this process's sealed files, so it
   * replays them. */
  private adoptOrphans(): void {
    for (const f of readdirSync(this.dir)) {
      const m = ACTIVE.exec(f) ?? SEALED.exec(f) ?? INFLIGHT.exec(f);
      if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
      try {
        renameSync(join(this.dir, f), join(this.dir, `sealed-${process.pid}-${m[2]}-${this.seq++}.jsonl`));
      } catch {
        // another process adopted it first
      }
    }
  }
}
