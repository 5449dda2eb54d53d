import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Exchange } from '../../exchange/exchange.js';
import type { Sensor } from './sensor.js';

// Fastify hooks (no import of fastify: the shapes below are what Fastify passes).
//   installVigil(app, await Sensor.open({ config, mode: 'enforce' }))   — before routes are registered

interface FastifyRequestLike {
  raw: IncomingMessage;
  body?: unknown;
  routeOptions?: { url?: string };
}
interface FastifyReplyLike {
  raw: ServerResponse;
  statusCode: number;
  getHeaders(): Record<string, string | string[] | number | undefined>;
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload: unknown): FastifyReplyLike;
}
export interface FastifyLike {
  addHook(name: 'onRequest', fn: (req: FastifyRequestLike, reply: FastifyReplyLike) => Promise<void>): unknown;
  addHook(name: 'preHandler', fn: (req: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>): unknown;
  addHook(name: 'onResponse', fn: (req: FastifyRequestLike, reply: FastifyReplyLike) => Promise<void>): unknown;
}

export function installVigil(app: FastifyLike, sensor: Sensor): void {
  const exchanges = new WeakMap<IncomingMessage, Exchange>();
  // onRequest sees every request (404s and unparsable bodies too); preHandler runs once the body is parsed
  app.addHook('onRequest', async (req) => {
    exchanges.set(req.raw, sensor.begin(req.raw));
  });
  app.addHook('preHandler', async (req, reply) => {
    const ex = exchanges.get(req.raw);
    if (!ex) return undefined;
    sensor.attachBody(ex, req.body);
    const refusal = await sensor.enforce(ex);
    if (refusal) return reply.code(refusal.status).header('content-type', 'application/problem+json').header('x-request-id', ex.id).send(refusal.body);
    return undefined;
  });
  app.addHook('onResponse', async (req, reply) => {
    const ex = exchanges.get(req.raw);
    if (ex) sensor.finish(ex, reply.statusCode, reply.getHeaders(), req.routeOptions?.url);
  });
}
