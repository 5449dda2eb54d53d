import { open, stat, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Line {
  text: string;
  /** 1-based line number within the current file (restarts after a rotation or truncation). */
  no: number;
}

export interface ReadProgress {
  /** Bytes read of the current file, and its size when reading started (for a progress line). */
  bytesRead: number;
  size: number;
  /** Times the file was rotated (renamed and recreated) or truncated in place while following. */
  rotations: number;
}

export interface LineReaderOptions {
  follow?: boolean;
  pollMs?: number;
  signal?: AbortSignal;
  chunkBytes?: number;
}

/**
 * The lines of a log file, read once, or followed like `tail -F`: a rename with a new file (logrotate `create`)
 * is noticed by the inode, and the old file is read to its end first; a truncation in place (`copytruncate`) is
 * noticed by the size going down, and reading restarts at the top.
 */
export class LineReader {
  readonly progress: ReadProgress = { bytesRead: 0, size: 0, rotations: 0 };

  constructor(
    readonly path: string,
    private readonly opts: LineReaderOptions = {},
  ) {}

  async *lines(): AsyncGenerator<Line> {
    const chunk = Buffer.alloc(this.opts.chunkBytes ?? 1 << 20);
    let fh: FileHandle = await open(this.path, 'r');
    let ino = (await fh.stat()).ino;
    this.progress.size = (await fh.stat()).size;
    let position = 0;
    let no = 0;
    let partial = '';
    let rotated = false;
    try {
      for (;;) {
        const { bytesRead } = await fh.read(chunk, 0, chunk.length, position);
        if (bytesRead > 0) {
          position += bytesRead;
          this.progress.bytesRead = position;
          const text = partial + chunk.toString('utf8', 0, bytesRead);
          const parts = text.split('\n');
          partial = parts.pop() ?? '';
          for (const p of parts) yield { text: p.endsWith('\r') ? p.slice(0, -1) : p, no: ++no };
          continue;
        }
        // at the end of the file
        if (rotated) {
          // the old file is read to its end (writers may append after the rename): now switch to the new one
          rotated = false;
          if (partial) yield { text: partial, no: ++no };
          await fh.close();
          fh = await open(this.path, 'r');
          const st = await fh.stat();
          ino = st.ino;
          position = 0;
          no = 0;
          partial = '';
          this.progress.rotations++;
          this.progress.size = st.size;
          continue;
        }
        if (!this.opts.follow || this.opts.signal?.aborted) break;
        await sleep(this.opts.pollMs ?? 250, undefined, { signal: this.opts.signal }).catch(() => undefined);
        if (this.opts.signal?.aborted) break;
        const now = await stat(this.path).catch(() => undefined);
        if (now && now.ino !== ino) rotated = true;
        else if (now && now.size < position) {
          // truncated in place: what was appended before the copy is in the copy; start again at the top
          position = 0;
          no = 0;
          partial = '';
          this.progress.rotations++;
          this.progress.size = now.size;
        }
      }
      if (partial) yield { text: partial, no: ++no };
    } finally {
      await fh.close();
    }
  }
}
