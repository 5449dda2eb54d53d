import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Sensor } from './sensor.js';

// Express middleware (no import of express: the shapes below are what Express passes).
//   app.use(express.json()); app.use(vigilExpress(await Sensor.open({ config, mode: 'monitor' })));

type ExpressRequest = IncomingMessage & { body?: unknown; route?: { path?: unknown }; baseUrl?: string };
type Next = (err?: unknown) => void;

export function vigilExpress(sensor: Sensor): (req: ExpressRequest, res: ServerResponse, next: Next) => void {
  return (req, res, next) => {
    const ex = sensor.begin(req);
    sensor.attachBody(ex, req.body);
    res.once('finish', () => {
      const template = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : undefined;
      sensor.finish(ex, res.statusCode, res.getHeaders(), template);
    });
    if (sensor.mode !== 'enforce') return next();
    sensor.enforce(ex).then(
      (refusal) => {
        if (!refusal) return next();
        res.writeHead(refusal.status, { 'content-type': 'application/problem+json', 'x-request-id': ex.id }).end(JSON.stringify(refusal.body));
      },
      (e: unknown) => next(e),
    );
  };
}
