import type { ServerResponse } from 'node:http';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface ProblemOptions {
  status: number;
  requestId: string;
  /** A rule id such as auth.jwt.expired: fixed text from our own code, never attacker input. */
  rule?: string;
  retryAfter?: number;
  close?: boolean;
  wwwAuthenticate?: boolean;
}

/** Answers with an RFC 9457 problem document that names the request id and the rule, and echoes nothing sent. */
export function sendProblem(res: ServerResponse, o: ProblemOptions): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const title = titles[o.status] ?? 'Error';
  const body = JSON.stringify({
    type: o.rule ? `https://vigil.dev/problems/${o.rule}` : 'about:blank',
    title,
    status: o.status,
    detail: o.rule ? `Refused by rule ${o.rule}.` : title,
    instance: `urn:request:${o.requestId}`,
    request_id: o.requestId,
  });
  const headers: Record<string, string | number> = {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': o.requestId,
    'cache-control': 'no-store',
  };
  if (o.retryAfter) headers['retry-after'] = o.retryAfter;
  if (o.wwwAuthenticate) headers['www-authenticate'] = 'Bearer';
  if (o.close) headers.connection = 'close';
  res.writeHead(o.status, headers);
  res.end(body);
}
