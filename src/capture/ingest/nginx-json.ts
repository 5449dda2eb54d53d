import { checkIp, checkMethod, checkStatus, checkTarget, numberField, originForm, parseJsonObject, stringField, type ParseResult } from './access-entry.js';

// nginx access logs in the JSON log_format documented in docs/ingest.md (escape=json). Unknown keys are ignored;
// $msec is preferred over $time_iso8601 for its millisecond precision.

export function parseNginxJson(line: string): ParseResult {
  const parsed = parseJsonObject(line);
  if (!parsed.ok) return parsed;
  const o = parsed.o;
  const msec = numberField(o.msec);
  const iso = stringField(o.time) ?? stringField(o.time_iso8601);
  const requestTime = numberField(o.request_time);
  // $msec is when the log line was written (the request's end); the start is msec - request_time
  const time = msec !== undefined ? Math.round((msec - (requestTime ?? 0)) * 1000) : iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(time)) return { ok: false, problem: 'no usable time (msec or time)' };
  const peer = stringField(o.remote_addr);
  if (!peer) return { ok: false, problem: 'remote_addr is missing' };
  let method = stringField(o.method) ?? stringField(o.request_method);
  let target = stringField(o.uri) ?? stringField(o.request_uri);
  let protocol = stringField(o.protocol) ?? stringField(o.server_protocol);
  const request = stringField(o.request);
  if ((!method || !target) && request) {
    const parts = request.split(' ');
    if (parts.length !== 3) return { ok: false, problem: `request line "${request.slice(0, 60)}" is malformed` };
    [method, target, protocol] = parts as [string, string, string];
  }
  if (!method || !target) return { ok: false, problem: 'method and uri (or request) are missing' };
  const status = numberField(o.status);
  if (status === undefined) return { ok: false, problem: 'status is missing' };
  const problem = checkIp(peer) ?? checkMethod(method) ?? checkTarget(target) ?? checkStatus(status);
  if (problem) return { ok: false, problem };
  const abs = originForm(target, stringField(o.host) ?? stringField(o.http_host) ?? stringField(o.server_name) ?? '');
  const upstream = numberField(o.upstream_response_time);
  return {
    ok: true,
    entry: {
      time,
      requestId: stringField(o.request_id),
      peerIp: peer,
      forwardedFor: stringField(o.x_forwarded_for) ?? stringField(o.http_x_forwarded_for),
      method,
      target: abs.target,
      host: abs.host,
      scheme: o.scheme === 'https' ? 'https' : 'http',
      httpVersion: (protocol ?? 'HTTP/1.1').replace(/^HTTP\//i, ''),
      status,
      requestBytes: numberField(o.request_length),
      responseBytes: numberField(o.body_bytes_sent) ?? numberField(o.bytes_sent),
      durationMs: requestTime === undefined ? undefined : requestTime * 1000,
      upstreamMs: upstream === undefined ? undefined : upstream * 1000,
      userAgent: stringField(o.http_user_agent) ?? stringField(o.user_agent),
      referer: stringField(o.http_referer) ?? stringField(o.referer),
      contentType: stringField(o.content_type),
    },
  };
}
