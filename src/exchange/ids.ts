import { randomBytes } from 'node:crypto';

// Request ids: time-ordered (sortable in stores) and unique across processes without coordination: the time in
// milliseconds, a random prefix chosen once per process, and a counter. Cheap enough for every request.
const processPrefix = randomBytes(6).toString('hex');
let counter = 0;

export function newRequestId(now = Date.now()): string {
  counter = (counter + 1) % 0x1000000;
  return now.toString(36).padStart(9, '0') + processPrefix + counter.toString(16).padStart(6, '0');
}
