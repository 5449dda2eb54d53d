// Puts a nearly time-ordered stream in order with a bounded reorder buffer (a binary heap): captures are written
// in completion order, so entries arrive slightly out of start order. Anything later than the buffer can absorb
// is passed on as it comes.

export class ReorderBuffer<T> {
  private readonly heap: { t: number; n: number; v: T }[] = [];
  private n = 0;

  constructor(private readonly capacity = 50_000) {}

  /** Adds an item; returns the items that can leave (the earliest, once the buffer is full). */
  push(time: number, v: T, out: T[]): void {
    this.insert({ t: time, n: this.n++, v });
    while (this.heap.length > this.capacity) out.push(this.pop()!.v);
  }

  drain(out: T[]): void {
    while (this.heap.length) out.push(this.pop()!.v);
  }

  private less(a: { t: number; n: number }, b: { t: number; n: number }): boolean {
    return a.t < b.t || (a.t === b.t && a.n < b.n);
  }

  private insert(x: { t: number; n: number; v: T }): void {
    const h = this.heap;
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): { t: number; n: number; v: T } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
