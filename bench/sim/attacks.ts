import { BASE, PRODUCTS, ShopApi, cardNumber } from './api.js';
import { browserProfile, datacenterIp, residentialIp, TOOL_GO, TOOL_HEADLESS, TOOL_PYTHON, type Profile } from './clients.js';
import type { Client, SimEvent } from './event.js';
import type { Rng } from './prng.js';

// Labelled attack scenarios. Each stays under naive per-address thresholds (a few requests per address per
// minute) so only context and aggregation catch it.

export interface Scenario {
  id: string;
  /** Alert types that count as detecting it. */
  expect: string[];
  run(api: ShopApi, rng: Rng, start: number, out: SimEvent[]): void;
}

const MIN = 60_000;

function pool(rng: Rng, n: number, make: (r: Rng) => string): string[] {
  return Array.from({ length: n }, () => make(rng));
}

function leaked(rng: Rng, api: ShopApi, n: number, knownShare: number): string[] {
  return Array.from({ length: n }, (_, i) => (rng.chance(knownShare) ? rng.pick(api.users).username : `leak${i}.${rng.int(1000, 99999)}`));
}

/** A fresh attacker account (signed up a while before the attack) and its token. */
function attackerAccount(api: ShopApi, rng: Rng, c: Client, t: number, id: string, out: SimEvent[]): string {
  const name = `mallory${rng.int(100, 999)}${id.length}`;
  out.push(api.signup(t, c, name, 'hunter2', {}, id).ev);
  const l = api.login(t + 3000, c, name, 'hunter2', id);
  out.push(l.ev);
  return l.token!;
}

export const SCENARIOS: Scenario[] = [
  {
    id: 'brute-force-distributed',
    expect: ['brute-force'],
    run(api, rng, start, out) {
      const target = rng.pick(api.users).username;
      const ips = pool(rng, 25, residentialIp);
      let t = start;
      for (let i = 0; i < 200; i++) out.push(api.login((t += rng.int(5_000, 20_000)), { ip: ips[i % ips.length]!, headers: browserProfile(rng) }, target, `guess${i}`, this.id).ev);
    },
  },
  {
    id: 'credential-stuffing',
    expect: ['credential-stuffing'],
    run(api, rng, start, out) {
      const ips = pool(rng, 60, datacenterIp);
      let t = start;
      for (const [i, name] of leaked(rng, api, 800, 0.1).entries()) {
        const right = rng.chance(0.02) ? api.byName.get(name)?.password : undefined;
        out.push(api.login((t += rng.int(1_000, 6_000)), { ip: ips[i % ips.length]!, headers: TOOL_PYTHON }, name, right ?? `Summer${i}!`, this.id).ev);
      }
    },
  },
  {
    id: 'low-and-slow-stuffing',
    expect: ['credential-stuffing'],
    run(api, rng, start, out) {
      const ips = pool(rng, 300, residentialIp);
      const names = leaked(rng, api, 1500, 0.05);
      for (const [i, name] of names.entries()) {
        const t = start + Math.floor((i / names.length) * 180 * MIN) + rng.int(0, 20_000);
        out.push(api.login(t, { ip: ips[i % 300]!, headers: TOOL_HEADLESS }, name, `Welcome${i % 97}`, this.id).ev);
      }
    },
  },
  {
    id: 'account-takeover',
    expect: ['account-takeover'],
    run(api, rng, start, out) {
      const victim = rng.pick(api.users);
      const c: Client = { ip: datacenterIp(rng), headers: browserProfile(rng) };
      let t = start;
      for (let i = 0; i < 6; i++) out.push(api.login((t += rng.int(20_000, 60_000)), c, victim.username, `guess${i}`, this.id).ev);
      const l = api.login((t += 30_000), c, victim.username, victim.password, this.id);
      out.push(l.ev);
      out.push(api.me((t += 5_000), c, victim, l.token!, this.id));
      out.push(api.changeEmail((t += 20_000), c, l.token!, 'attacker@evil.example', this.id));
      out.push(api.changePassword((t += 10_000), c, l.token!, this.id));
    },
  },
  {
    id: 'bola-orders',
    expect: ['bola'],
    run(api, rng, start, out) {
      const c: Client = { ip: residentialIp(rng), headers: browserProfile(rng) };
      const token = attackerAccount(api, rng, c, start, this.id, out);
      const known = [...api.orderTimes].filter(([, at]) => at < start).map(([id]) => id);
      let t = start + 10_000;
      for (let i = 0; i < 30 && known.length; i++) out.push(api.order((t += rng.int(10_000, 40_000)), c, token, rng.pick(known), this.id));
    },
  },
  {
    id: 'idor-id-walk',
    expect: ['bola'],
    run(api, rng, start, out) {
      const c: Client = { ip: residentialIp(rng), headers: TOOL_GO };
      const token = attackerAccount(api, rng, c, start, this.id, out);
      const me = api.byId.get(Math.max(...api.byId.keys()))!;
      let t = start + 10_000;
      for (let id = 1100; id < 1160; id++) out.push(api.user((t += rng.int(3_000, 9_000)), c, me, token, id, this.id));
    },
  },
  {
    id: 'scraping-catalogue',
    expect: ['scraping'],
    run(api, rng, start, out) {
      const ips = pool(rng, 4, datacenterIp);
      const key: Profile = [...TOOL_PYTHON, ['x-api-key', 'pk_live_scraper_9f8e7d']];
      let t = start;
      for (let p = 1; p <= 30; p++) out.push(api.products((t += rng.int(4_000, 12_000)), { ip: ips[p % 4]!, headers: key }, p, 'new', undefined, this.id));
      for (let id = 1; id <= 200; id++) out.push(api.product((t += rng.int(3_000, 10_000)), { ip: ips[id % 4]!, headers: key }, ((id * 37) % PRODUCTS) + 1, undefined, this.id));
    },
  },
  {
    id: 'user-enumeration',
    expect: ['user-enumeration'],
    run(api, rng, start, out) {
      const ips = pool(rng, 20, datacenterIp);
      let t = start;
      for (const [i, name] of leaked(rng, api, 300, 0.3).entries()) out.push(api.passwordReset((t += rng.int(2_000, 8_000)), { ip: ips[i % 20]!, headers: TOOL_PYTHON }, `${name}@mail.example`, this.id));
    },
  },
  {
    id: 'card-testing',
    expect: ['card-testing'],
    run(api, rng, start, out) {
      const c: Client = { ip: residentialIp(rng), headers: browserProfile(rng) };
      const token = attackerAccount(api, rng, c, start, this.id, out);
      const ips = [c.ip, residentialIp(rng)];
      let t = start + 20_000;
      for (let i = 0; i < 60; i++) out.push(api.pay((t += rng.int(15_000, 45_000)), { ip: ips[i % 2]!, headers: c.headers }, token, 70_000 + i, cardNumber(rng.int(1, 1e12)), 1, rng.chance(0.15), this.id));
    },
  },
  {
    id: 'mass-assignment',
    expect: ['mass-assignment'],
    run(api, rng, start, out) {
      const c: Client = { ip: residentialIp(rng), headers: browserProfile(rng) };
      const token = attackerAccount(api, rng, c, start, this.id, out);
      out.push(api.updateProfile(start + 60_000, c, token, { displayName: 'm', role: 'admin' }, this.id));
      out.push(api.updateProfile(start + 90_000, c, token, { displayName: 'm', isAdmin: true }, this.id));
    },
  },
  {
    id: 'sqli-integer-param',
    expect: ['injection'],
    run(api, rng, start, out) {
      const c: Client = { ip: datacenterIp(rng), headers: browserProfile(rng) };
      const payloads = ['1 OR 1=1', '2 AND 1=2', '1 or sleep(5)'];
      payloads.forEach((p, i) => out.push(api.raw(start + i * 40_000, c, 'GET', `${BASE}/products?page=${encodeURIComponent(p)}&sort=price`, 200, undefined, this.id)));
    },
  },
  {
    id: 'search-flood',
    expect: ['volume-anomaly'],
    run(api, rng, start, out) {
      const ips = pool(rng, 150, residentialIp);
      for (let i = 0; i < 3000; i++) out.push(api.search(start + Math.floor((i / 3000) * 5 * MIN), { ip: ips[i % 150]!, headers: browserProfile(rng) }, `item ${rng.int(1, 1e6)}`, undefined, this.id));
    },
  },
];
