import { ShopApi } from './api.js';
import { SCENARIOS, type Scenario } from './attacks.js';
import { makeUsers, newSignups, partnerPolling, session } from './benign.js';
import type { SimEvent } from './event.js';
import { Rng } from './prng.js';

// A whole simulated capture: benign users over `hours`, then every attack scenario at its own time after a
// warm-up (baselines and profiles learn from benign traffic first). Events come out sorted by time.

export interface SimOptions {
  seed?: number;
  users?: number;
  hours?: number;
  /** Sessions per user over the period. */
  sessionsPerUser?: number;
  scenarios?: readonly Scenario[];
  start?: number;
}

export interface Simulation {
  events: SimEvent[];
  scenarios: readonly Scenario[];
  /** Scenario id → its first event time. */
  starts: Map<string, number>;
  benign: number;
}

export function simulate(o: SimOptions = {}): Simulation {
  const rng = new Rng(o.seed ?? 42);
  const api = new ShopApi();
  const start = o.start ?? Date.parse('2026-03-02T08:00:00Z');
  const hours = o.hours ?? 6;
  const span = hours * 3_600_000;
  const users = makeUsers(api, rng, o.users ?? 1200);
  const out: SimEvent[] = [];
  for (const u of users) for (let s = o.sessionsPerUser ?? 3; s > 0; s--) session(api, rng, u, start + rng.int(0, span - 30 * 60_000), out);
  partnerPolling(api, rng, start, start + span, out);
  newSignups(api, rng, Math.max(5, Math.floor(users.length / 30)), start, span, out);
  const scenarios = o.scenarios ?? SCENARIOS;
  const starts = new Map<string, number>();
  const warm = Math.min(75 * 60_000, span / 3);
  scenarios.forEach((sc, i) => {
    const at = start + warm + Math.floor(((span - warm - 3.2 * 3_600_000 * Math.min(1, hours / 6)) * i) / Math.max(1, scenarios.length));
    const before = out.length;
    sc.run(api, rng, Math.max(start + warm, at), out);
    let first = Infinity;
    for (let k = before; k < out.length; k++) first = Math.min(first, out[k]!.time);
    starts.set(sc.id, first);
  });
  out.sort((a, b) => a.time - b.time);
  return { events: out, scenarios, starts, benign: out.filter((e) => !e.label).length };
}
