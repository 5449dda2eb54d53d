import type { Exchange, ExchangeRequest, ExchangeResponse } from '../../exchange/exchange.js';

// The wire form of a completed exchange on the event stream: the Exchange as compact JSON, bodies as base64 up to
// a bound. The request id is the message id (JetStream deduplicates on it; the store keys on it).

const VERSION = 1;

type WireBody = { body?: string };
type WireRequest = Omit<ExchangeRequest, 'body'> & WireBody;
type WireResponse = Omit<ExchangeResponse, 'body'> & WireBody;

export interface ExchangeMessage extends Omit<Exchange, 'request' | 'response'> {
  v: typeof VERSION;
  request: WireRequest;
  response?: WireResponse;
  /** Epoch ms when the gateway published it (end-to-end lag is measured from here or from completion). */
  sentAt: number;
}

export class MalformedMessage extends Error {}

function clip(body: Buffer | undefined, max: number): string | undefined {
  if (!body || body.length === 0 || max <= 0) return undefined;
  return (body.length > max ? body.subarray(0, max) : body).toString('base64');
}

export function encodeExchange(ex: Exchange, maxBodyBytes: number, now = Date.now()): Uint8Array {
  const { body: reqBody, ...request } = ex.request;
  const { id, request: _request, response: _response, ...rest } = ex;
  // the id first: a spooled line's id is read without parsing the rest
  const msg: ExchangeMessage = {
    id,
    v: VERSION,
    sentAt: now,
    ...rest,
    request: { ...request, bodyTruncated: request.bodyTruncated || (reqBody?.length ?? 0) > maxBodyBytes, body: clip(reqBody, maxBodyBytes) },
    response: undefined,
  };
  if (ex.response) {
    const { body: resBody, ...response } = ex.response;
    msg.response = { ...response, body: clip(resBody, maxBodyBytes) };
  }
  return Buffer.from(JSON.stringify(msg));
}

export interface DecodedExchange {
  exchange: Exchange;
  sentAt: number;
}

export function decodeExchange(data: Uint8Array): DecodedExchange {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  } catch {
    throw new MalformedMessage('not JSON');
  }
  const m = parsed as Partial<ExchangeMessage> | null;
  if (!m || m.v !== VERSION || typeof m.id !== 'string' || !m.request || !m.client || !m.decision || !m.timings)
    throw new MalformedMessage('not an exchange message');
  const { v: _v, sentAt, request, response, ...rest } = m as ExchangeMessage;
  const exchange: Exchange = {
    ...rest,
    request: { ...request, body: request.body === undefined ? undefined : Buffer.from(request.body, 'base64') },
    ...(response ? { response: { ...response, body: response.body === undefined ? undefined : Buffer.from(response.body, 'base64') } } : {}),
  };
  return { exchange, sentAt };
}
