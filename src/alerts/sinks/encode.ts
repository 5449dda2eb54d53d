import type { SinkFormat } from '../../config/types.js';
import type { Alert } from '../alert.js';
import { toCef } from './cef.js';
import { toEcs } from './ecs.js';
import { toLeef } from './leef.js';
import { toOcsf } from './ocsf.js';

/** An alert as JSON documents in a JSON format (ECS, OCSF, or Vigil's own alert shape). */
export function jsonDocuments(format: SinkFormat, a: Alert, update: boolean): Record<string, unknown>[] {
  if (format === 'ecs') return [toEcs(a)];
  if (format === 'ocsf') return toOcsf(a, update);
  return [{ ...a, update }];
}

/** An alert as text lines: CEF or LEEF, or one JSON document a line. */
export function textLines(format: SinkFormat, a: Alert, update: boolean): string[] {
  if (format === 'cef') return [toCef(a)];
  if (format === 'leef') return [toLeef(a)];
  return jsonDocuments(format, a, update).map((d) => JSON.stringify(d));
}

/** `env:NAME` reads a secret from the environment, so that it need not sit in the config file. */
export function secretValue(value: string, what: string): string {
  if (!value.startsWith('env:')) return value;
  const v = process.env[value.slice(4)];
  if (!v) throw new Error(`${what}: environment variable ${value.slice(4)} is not set`);
  return v;
}
