import { hostname } from 'node:os';
import type { SinkFormat } from '../../config/types.js';
import type { Alert } from '../alert.js';
import type { SinkTransport } from './queued-sink.js';
import { jsonDocuments } from './encode.js';
import { post } from './http-post.js';

// Splunk HTTP Event Collector: POST /services/collector/event with `Authorization: Splunk TOKEN`; a batch is
// the event envelopes one after another (HEC's batch form).

export interface HecOptions {
  url: string;
  token: string;
  format: SinkFormat;
  index?: string;
}

export class SplunkHecTransport implements SinkTransport {
  private readonly host = hostname();

  constructor(private readonly o: HecOptions) {}

  encode(alert: Alert, update: boolean): string[] {
    return jsonDocuments(this.o.format, alert, update).map((event) =>
      JSON.stringify({
        time: alert.lastSeen / 1000,
        host: this.host,
        source: 'vigil',
        sourcetype: `vigil:alert:${this.o.format}`,
        ...(this.o.index ? { index: this.o.index } : {}),
        event,
      }),
    );
  }

  deliver(messages: string[]): Promise<void> {
    return post(this.o.url, messages.join('\n'), { authorization: `Splunk ${this.o.token}` });
  }
}
