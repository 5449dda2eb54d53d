import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// Events the publisher holds in memory (queued or awaiting their acknowledgement) are written here first, so a
// killed gateway loses none of them: one line per event in an append-only segment of this process
// (`inflight-<pid>-<n>.jsonl`, in the spool directory). A segment rotates after `segmentEvents` lines (or 256 once
// all of it is settled) and is deleted once every event in it is settled (acknowledged by the stream, or moved to the spool). Segments of a
// dead process are adopted and replayed by the next publisher on the directory (SpoolJournal.adoptOrphans);
// the replay is deduplicated by message id. Written with write(2), without fsync: it survives a process kill,
// not a power loss.

export interface JournalSegment {
  readonly path: string;
  fd: number | undefined;
  lines: number;
  unsettled: number;
}

export class InflightJournal {
  private current: JournalSegment | undefined;
  private seq = 0;
  private readonly newline = Buffer.from('\n');

  constructor(
    readonly dir: string,
    private readonly segmentEvents = 4096,
  ) {}

  /** Writes one event (a single line) and returns the segment to settle it against. */
  append(line: Uint8Array): JournalSegment {
    let seg = this.current;
    if (!seg) {
      const path = join(this.dir, `inflight-${process.pid}-${Date.now()}${String(this.seq++).padStart(4, '0')}.jsonl`);
      seg = this.current = { path, fd: openSync(path, 'a'), lines: 0, unsettled: 0 };
    }
    writeSync(seg.fd!, Buffer.concat([line, this.newline]));
    seg.lines++;
    seg.unsettled++;
    if (seg.lines >= this.segmentEvents) this.rotate();
    return seg;
  }

  /** The event is safe elsewhere (stream or spool); a full segment with nothing unsettled is deleted. */
  settle(seg: JournalSegment): void {
    seg.unsettled--;
    if (seg.unsettled > 0) return;
    if (seg !== this.current) this.remove(seg);
    // a settled active segment starts over now and then, so a successor never replays much that was delivered
    else if (seg.lines >= 256) this.rotate();
  }

  /** Closes the active segment; it is deleted when everything in it is settled, else left for adoption. */
  close(): void {
    this.rotate();
  }

  private rotate(): void {
    const seg = this.current;
    if (!seg) return;
    this.current = undefined;
    if (seg.fd !== undefined) closeSync(seg.fd);
    seg.fd = undefined;
    if (seg.unsettled === 0) this.remove(seg);
  }

  private remove(seg: JournalSegment): void {
    try {
      unlinkSync(seg.path);
    } catch {
      // already gone
    }
  }
}
