/**
 * The stable middle of the base64 encoding of `bytes` at each of the three byte alignments: a base64 string that
 * contains `bytes` anywhere contains one of these (case-sensitive). Forms shorter than `min` are dropped.
 */
export function base64Forms(bytes: Buffer | string, min = 6): string[] {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
  const out: string[] = [];
  for (let off = 0; off < 3; off++) {
    const enc = Buffer.concat([Buffer.alloc(off), b]).toString('base64');
    // characters fully determined by `b`: skip those mixing in the padding bytes before and after
    const first = off === 0 ? 0 : off === 1 ? 2 : 3;
    const total = off + b.length;
    const last = Math.floor(total / 3) * 4 + (total % 3 === 0 ? 0 : total % 3 === 1 ? 1 : 2);
    const form = enc.slice(first, last);
    if (form.length >= min) out.push(form);
  }
  return out;
}
