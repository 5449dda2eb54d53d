import { appendFile } from 'node:fs/promises';
import type { SinkFormat } from '../../config/types.js';
import type { Alert } from '../alert.js';
import type { SinkTransport } from './queued-sink.js';
import { textLines } from './encode.js';

/** Appends one line per message (CEF, LEEF or JSON) to a file; O_APPEND keeps lines whole across processes. */
export class FileTransport implements SinkTransport {
  constructor(
    private readonly path: string,
    private readonly format: SinkFormat,
  ) {}

  encode(alert: Alert, update: boolean): string[] {
    return textLines(this.format, alert, update);
  }

  deliver(messages: string[]): Promise<void> {
    return appendFile(this.path, messages.join('\n') + '\n');
  }
}
