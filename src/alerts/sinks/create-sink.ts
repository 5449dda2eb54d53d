import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SinkConfig, VigilConfig } from '../../config/types.js';
import { parseListenAddress } from '../../net/listen-address.js';
import { secretValue } from './encode.js';
import { FileTransport } from './file.js';
import { QueuedSink, type AlertSink, type QueuedSinkOptions, type SinkTransport } from './queued-sink.js';
import { SplunkHecTransport } from './splunk-hec.js';
import { SyslogTransport } from './syslog.js';
import { WebhookTransport } from './webhook.js';

function transportFor(s: SinkConfig, baseDir: string): SinkTransport {
  switch (s.type) {
    case 'syslog': {
      const { host, port } = parseListenAddress(s.address!);
      return new SyslogTransport({
        host: host ?? '127.0.0.1',
        port,
        transport: s.transport ?? 'udp',
        format: s.format ?? 'cef',
        ca: s.ca_file ? readFileSync(resolve(baseDir, s.ca_file)) : undefined,
      });
    }
    case 'file':
      return new FileTransport(resolve(baseDir, s.path!), s.format ?? 'ecs');
    case 'splunk_hec':
      return new SplunkHecTransport({ url: s.url!, token: secretValue(s.token!, 'splunk_hec sink token'), format: s.format ?? 'ecs', index: s.index });
    case 'webhook':
      return new WebhookTransport({ url: s.url!, secret: s.secret ? secretValue(s.secret, 'webhook sink secret') : undefined, format: s.format ?? 'vigil' });
  }
}

/** The sinks of a config, each with its bounded queue and retries. */
export function createSinks(cfg: VigilConfig, extra: Partial<QueuedSinkOptions> = {}): AlertSink[] {
  return (cfg.sinks ?? []).map((s, i) => {
    const name = s.name ?? `${s.type}-${i}`;
    return new QueuedSink(transportFor(s, cfg.baseDir), {
      name,
      queueSize: s.queue_size ?? 10_000,
      maxRetries: s.max_retries,
      batchSize: s.type === 'syslog' ? 50 : 100,
      ...extra,
    });
  });
}
