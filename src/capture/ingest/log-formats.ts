import type { ParseResult } from './access-entry.js';
import { parseEnvoyJson } from './envoy-json.js';
import { parseNginxCombined } from './nginx-combined.js';
import { parseNginxJson } from './nginx-json.js';

export const LOG_FORMATS = ['nginx-json', 'nginx-combined', 'envoy-json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export type InputFormat = LogFormat | 'har';

export const lineParsers: Record<LogFormat, (line: string) => ParseResult> = {
  'nginx-json': parseNginxJson,
  'nginx-combined': (line) => parseNginxCombined(line),
  'envoy-json': parseEnvoyJson,
};

/** Guesses a file's format from its name and first line. */
export function detectFormat(file: string, firstLine: string): InputFormat {
  if (/\.har$/i.test(file)) return 'har';
  const t = firstLine.trimStart();
  if (t.startsWith('{')) {
    if (t.includes('"log"') && !t.includes('"status"')) return 'har';
    return t.includes('"response_code"') || t.includes('"start_time"') ? 'envoy-json' : 'nginx-json';
  }
  return 'nginx-combined';
}
