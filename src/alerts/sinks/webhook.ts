import { createHmac } from 'node:crypto';
import type { SinkFormat } from '../../config/types.js';
import type { Alert } from '../alert.js';
import type { SinkTransport } from './queued-sink.js';
import { jsonDocuments } from './encode.js';
import { post } from './http-post.js';

// A generic webhook: POST of a JSON array of documents. With a secret, the request is signed:
//   X-Vigil-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// The receiver recomputes the HMAC over the timestamp and the raw body, compares in constant time, and refuses
// old timestamps (replays).

export interface WebhookOptions {
  url: string;
  secret?: string;
  format: SinkFormat;
}

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export class WebhookTransport implements SinkTransport {
  constructor(private readonly o: WebhookOptions) {}

  encode(alert: Alert, update: boolean): string[] {
    return jsonDocuments(this.o.format, alert, update).map((d) => JSON.stringify(d));
  }

  deliver(messages: string[]): Promise<void> {
    const body = `[${messages.join(',')}]`;
    const headers: Record<string, string> = {};
    if (this.o.secret) {
      const t = Math.floor(Date.now() / 1000);
      headers['x-vigil-signature'] = `t=${t},v1=${webhookSignature(this.o.secret, t, body)}`;
    }
    return post(this.o.url, body, headers);
  }
}
