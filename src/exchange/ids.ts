import { randomBytes } from 'node:crypto';

// Request ids: time-ordered (sortable in stores) and unique across processes without coordination.
let pool = randomBytes(0);
let offset = 0;

function random(n: number): Buffer {
  if (offset + n > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  const b = pool.subarray(offset, offset + n);
  offset += n;
  return b;
}

export function newRequestId(now = Date.now()): string {
  return now.toString(36).padStart(9, '0') + random(8).toString('hex');
}
