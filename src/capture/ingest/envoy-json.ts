import { checkIp, checkMethod, checkStatus, checkTarget, numberField, originForm, parseJsonObject, stringField, type ParseResult } from './access-entry.js';

// Envoy JSON access logs (json_format) with the keys of Envoy's default format, as listed in docs/ingest.md.

/** `1.2.3.4:5678`, `[::1]:5678` or a bare address → the address. */
function addressOnly(v: string): string {
  if (v.startsWith('[')) return v.slice(1, v.indexOf(']'));
  const colon = v.lastIndexOf(':');
  return colon > 0 && v.indexOf(':') === colon ? v.slice(0, colon) : v;
}

export function parseEnvoyJson(line: string): ParseResult {
  const parsed = parseJsonObject(line);
  if (!parsed.ok) return parsed;
  const o = parsed.o;
  const start = stringField(o.start_time);
  const time = start ? Date.parse(start) : NaN;
  if (!Number.isFinite(time)) return { ok: false, problem: 'start_time is missing or malformed' };
  const remote = stringField(o.downstream_remote_address) ?? stringField(o.downstream_direct_remote_address);
  if (!remote) return { ok: false, problem: 'downstream_remote_address is missing' };
  const peer = addressOnly(remote);
  const method = stringField(o.method);
  const target = stringField(o.path);
  if (!method || !target) return { ok: false, problem: 'method and path are missing' };
  const status = numberField(o.response_code);
  if (status === undefined) return { ok: false, problem: 'response_code is missing' };
  if (status === 0) return { ok: false, problem: `no response (response_flags ${stringField(o.response_flags) ?? '-'})` };
  const problem = checkIp(peer) ?? checkMethod(method) ?? checkTarget(target) ?? checkStatus(status);
  if (problem) return { ok: false, problem };
  const abs = originForm(target, stringField(o.authority) ?? '');
  const protocol = stringField(o.protocol) ?? 'HTTP/1.1';
  return {
    ok: true,
    entry: {
      time,
      requestId: stringField(o.request_id),
      peerIp: peer,
      forwardedFor: stringField(o.x_forwarded_for),
      method,
      target: abs.target,
      host: abs.host,
      scheme: stringField(o.scheme) === 'https' ? 'https' : 'http',
      httpVersion: protocol.replace(/^HTTP\//i, ''),
      status,
      requestBytes: numberField(o.bytes_received),
      responseBytes: numberField(o.bytes_sent),
      durationMs: numberField(o.duration),
      upstreamMs: numberField(o.upstream_service_time),
      userAgent: stringField(o.user_agent),
      referer: stringField(o.referer),
      contentType: stringField(o.content_type),
    },
  };
}
