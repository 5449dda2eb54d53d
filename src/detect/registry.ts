import type { Detector } from './types.js';

// Detectors register themselves here (detectors/index.ts imports each file); the engine iterates the list.

const list: Detector[] = [];

export function registerDetector(d: Detector): void {
  if (list.some((x) => x === d)) return;
  list.push(d);
}

export function detectors(): readonly Detector[] {
  return list;
}
