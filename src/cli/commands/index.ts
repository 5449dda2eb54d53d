import type { Command } from '../command.js';

/** A subcommand as `vigil --help` lists it; its module is loaded only when it runs, so start-up stays fast. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

// Every subcommand, in the order `vigil --help` lists them.
export const commands: CommandEntry[] = [
  { name: 'gateway', summary: 'run the inline gateway: a reverse proxy that enforces per-route policy', load: async () => (await import('./gateway.js')).gatewayCommand },
  { name: 'demo', summary: 'run the gateway in front of a bundled demo API and show allowed, refused and blocked requests', load: async () => (await import('./demo.js')).demoCommand },
  { name: 'config', summary: 'check a policy file, or print its JSON Schema', load: async () => (await import('./config.js')).configCommand },
  { name: 'report', summary: 'summarise what monitored controls would have blocked (before promoting them to enforce)', load: async () => (await import('./report.js')).reportCommand },
  { name: 'inspect', summary: 'run attack detection over every request of a HAR capture', load: async () => (await import('./inspect.js')).inspectCommand },
  { name: 'ingest', summary: 'monitor out of band: read nginx/Envoy access logs or HAR files, or receive nginx mirror traffic', load: async () => (await import('./ingest.js')).ingestCommand },
  { name: 'traffic', summary: 'search recorded traffic (filters by address/CIDR, principal, route, status, decision, time, text)', load: async () => (await import('./traffic.js')).trafficCommand },
  { name: 'timeline', summary: "one actor's activity in order (an address, network or principal), with decisions and alerts inline", load: async () => (await import('./timeline.js')).timelineCommand },
  { name: 'stats', summary: 'recorded traffic at a glance: top talkers, endpoints, errors and blocked reasons over a window', load: async () => (await import('./stats.js')).statsCommand },
  { name: 'tune', summary: 'propose detection exclusions from recorded false positives, replayed against traffic and attacks before they are written', load: async () => (await import('./tune.js')).tuneCommand },
  { name: 'analyze', summary: 'run signatures, context and behaviour rules over a HAR capture; print alerts and incidents', load: async () => (await import('./analyze.js')).analyzeCommand },
  { name: 'discover', summary: 'build an API inventory from HAR captures and compare it with OpenAPI/Swagger specs', load: async () => (await import('./discover.js')).discoverCommand },
  { name: 'scan-code', summary: 'list the routes an Express, Fastify, Koa or NestJS code base declares', load: async () => (await import('./scan-code.js')).scanCodeCommand },
  { name: 'validate', summary: 'prove that security controls (ours or any gateway, WAF or app) really work, by probing them', load: async () => (await import('./validate.js')).validateCommand },
  { name: 'worker', summary: 'write the exchange stream (NATS JetStream) to the shared PostgreSQL store (cluster mode)', load: async () => (await import('./worker.js')).workerCommand },
];
