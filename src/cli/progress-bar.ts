// A one-line progress bar for long file scans, drawn on a terminal's stderr and cleared when done.

export interface Progress {
  total: number;
  done: number;
  /** What is being worked on: shown after the counts, cut from the left to fit. */
  label: string;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The bar as text, exactly `columns` wide at most: `[#####-----]  45% 1,234/2,740 src/app/users.ts`. */
export function renderProgressBar(p: Progress, columns: number): string {
  const total = Math.max(0, p.total);
  const done = Math.min(Math.max(0, p.done), total);
  const ratio = total === 0 ? 1 : done / total;
  const barWidth = Math.max(10, Math.min(30, Math.floor(columns / 4)));
  const filled = Math.floor(ratio * barWidth);
  const counts = `${String(Math.floor(ratio * 100)).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')}`;
  const head = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${counts}`;
  // file names come from the scanned tree: no escape sequences reach the terminal
  const label = p.label.replace(CONTROL, '?');
  const room = columns - head.length - 1;
  if (room < 4 || label === '') return head.slice(0, Math.max(0, columns));
  return `${head} ${label.length <= room ? label : `…${label.slice(label.length - room + 1)}`}`;
}

export interface ProgressBarOptions {
  /** Draw nothing unless the work has more items than this. */
  minTotal: number;
  /** At most one redraw per interval. */
  intervalMs: number;
  now?: () => number;
}

/** Throttled drawing on a stream that supports \r (a TTY); `clear()` erases the line. */
export function progressBar(out: { write(s: string): unknown; columns?: number }, options: ProgressBarOptions): { update(p: Progress): void; clear(): void } {
  const now = options.now ?? (() => performance.now());
  let last = -Infinity;
  let shown = false;
  return {
    update(p) {
      if (p.total <= options.minTotal) return;
      const t = now();
      if (t - last < options.intervalMs && p.done < p.total) return;
      last = t;
      out.write(`\r\x1b[K${renderProgressBar(p, (out.columns || 80) - 1)}`);
      shown = true;
    },
    clear() {
      if (shown) out.write('\r\x1b[K');
      shown = false;
    },
  };
}
