// Aho–Corasick multi-pattern matching: one linear pass over the text for any number of literal patterns.
// Detectors use it instead of regex alternations, so matching time never depends on the patterns' overlap.

export interface Hit {
  pattern: string;
  /** Index of the pattern's first character in the text. */
  start: number;
  end: number;
}

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Patterns ending here (including via fail links). */
  out: string[];
}

export class Matcher {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  /** Dense transitions for ASCII (state * 128 + char): one array read per character of text. */
  private dfa = new Int32Array(0);
  private outs: (string[] | undefined)[] = [];

  constructor(patterns: Iterable<string>) {
    for (const p of patterns) this.add(p);
    this.build();
  }

  private add(p: string): void {
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      let nx = this.nodes[s]!.next.get(c);
      if (nx === undefined) {
        nx = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [] });
        this.nodes[s]!.next.set(c, nx);
      }
      s = nx;
    }
    this.nodes[s]!.out.push(p);
  }

  private build(): void {
    const queue: number[] = [];
    for (const nx of this.nodes[0]!.next.values()) queue.push(nx);
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const [c, nx] of this.nodes[s]!.next) {
        let f = this.nodes[s]!.fail;
        while (f > 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const g = this.nodes[f]!.next.get(c);
        this.nodes[nx]!.fail = g !== undefined && g !== nx ? g : 0;
        this.nodes[nx]!.out.push(...this.nodes[this.nodes[nx]!.fail]!.out);
        queue.push(nx);
      }
    }
    const n = this.nodes.length;
    this.dfa = new Int32Array(n * 128);
    this.outs = this.nodes.map((x) => (x.out.length ? x.out : undefined));
    // states in BFS order: a state's fail target is complete before the state itself
    for (const s of [0, ...queue]) {
      const node = this.nodes[s]!;
      for (let c = 0; c < 128; c++) {
        const nx = node.next.get(c);
        this.dfa[s * 128 + c] = nx !== undefined ? nx : s === 0 ? 0 : this.dfa[node.fail * 128 + c]!;
      }
    }
  }

  /**
   * Calls `onHit` for every occurrence (text should already be lower-cased if patterns are); stop by returning true.
   * `from`/`to` limit the scan to a part of the text (offsets in hits stay the text's).
   */
  scan(text: string, onHit: (h: Hit) => boolean | void, from = 0, to = text.length): void {
    let s = 0;
    const dfa = this.dfa;
    const outs = this.outs;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      s = c < 128 ? dfa[s * 128 + c]! : 0;
      const out = outs[s];
      if (out === undefined) continue;
      for (let k = 0; k < out.length; k++) {
        const p = out[k]!;
        if (onHit({ pattern: p, start: i - p.length + 1, end: i + 1 }) === true) return;
      }
    }
  }

  /** All hits, at most `limit`. */
  all(text: string, limit = 64): Hit[] {
    const hits: Hit[] = [];
    this.scan(text, (h) => {
      hits.push(h);
      return hits.length >= limit;
    });
    return hits;
  }
}

export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** True when the hit is not glued to other word characters on either side. */
export function wordBounded(text: string, h: Hit): boolean {
  return !isWordChar(text.charCodeAt(h.start - 1)) && !isWordChar(text.charCodeAt(h.end));
}
