/** Spaces probes so that no more than `perSecond` leave per second, across every check. */
export class RateCap {
  private next = 0;
  readonly intervalMs: number;

  constructor(readonly perSecond: number) {
    this.intervalMs = 1000 / perSecond;
  }

  async take(): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now + 0.5) await new Promise((r) => setTimeout(r, at - now));
  }
}

/** `50/s`, `600/m` or a bare number per second. */
export function parseRate(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(?:\/(s|m))?$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new Error(`"${text}" is not a rate like 50/s`);
  return Number(m[1]) / (m[2] === 'm' ? 60 : 1);
}
