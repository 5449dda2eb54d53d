import { ShopApi, PRODUCTS, cardNumber, type User } from './api.js';
import { browserProfile, mobileIp, residentialIp, type Profile } from './clients.js';
import type { Client, SimEvent } from './event.js';
import type { Rng } from './prng.js';

// Benign traffic: users logging in (sometimes mistyping), browsing, searching odd but innocent text, buying,
// paying (sometimes declined), changing their profile; office NAT addresses shared by many users; phones that
// change address mid-session; a partner integration polling the catalogue.

const SEARCHES = ["O'Brien's pub glasses", 'rock & roll t-shirt', '1/2" copper pipe', 'select * fashion', 'drop shipping; union jack flag', '<3 socks', 'SELECT size M', 'c++ book', 'tom & jerry -- dvd', '"quoted" search', 'café crème', 'DROP earrings', "children's (age 3-5) shoes", '50% off', 'user@example.com gift card', 'or 1 more', "what's new", 'script writing kit', '1=1 puzzle'];
const SORTS = ['price', 'name', 'new', 'rating'];

export interface BenignUser {
  user: User;
  home: string;
  office?: string;
  mobile: boolean;
  profile: Profile;
  cards: string[];
}

export function makeUsers(api: ShopApi, rng: Rng, n: number): BenignUser[] {
  const offices = Array.from({ length: Math.max(3, Math.floor(n / 80)) }, () => residentialIp(rng));
  const out: BenignUser[] = [];
  for (let i = 0; i < n; i++) {
    const user = api.addUser(`${rng.pick(['anna', 'ben', 'chloe', 'dev', 'emma', 'farid', 'gina', 'hugo', 'ines', 'jon'])}.${rng.pick(['smith', 'lee', 'garcia', 'khan', 'novak', 'rossi'])}${i}`, `pw-${i}-${rng.int(1000, 9999)}`);
    out.push({ user, home: residentialIp(rng), office: rng.chance(0.3) ? rng.pick(offices) : undefined, mobile: rng.chance(0.25), profile: browserProfile(rng), cards: [cardNumber(rng.int(1, 1e12)), cardNumber(rng.int(1, 1e12))] });
  }
  return out;
}

export function session(api: ShopApi, rng: Rng, b: BenignUser, start: number, out: SimEvent[]): void {
  let t = start;
  const step = (): number => (t += Math.round(1000 + rng.exp(9000)));
  const c: Client = { ip: b.mobile ? mobileIp(rng) : (b.office ?? b.home), headers: b.profile };
  const u = b.user;
  if (rng.chance(0.015)) out.push(api.passwordReset(step(), c, u.email));
  const typos = rng.chance(0.06) ? rng.int(1, 3) : 0;
  for (let i = 0; i < typos; i++) out.push(api.login(step(), c, u.username, u.password + 'x').ev);
  const login = api.login(step(), c, u.username, u.password);
  out.push(login.ev);
  const token = login.token!;
  out.push(api.me(step(), c, u, token));
  const pages = rng.int(1, 4);
  const sort = rng.pick(SORTS);
  for (let p = 1; p <= pages; p++) {
    out.push(api.products(step(), c, p, sort, token));
    if (b.mobile && rng.chance(0.1)) c.ip = mobileIp(rng);
    for (let k = rng.int(0, 4); k > 0; k--) out.push(api.product(step(), c, rng.int(1, PRODUCTS), token));
  }
  for (let s = rng.int(0, 3); s > 0; s--) out.push(api.search(step(), c, rng.pick(SEARCHES), token, undefined, rng.chance(0.2) ? 2 : 1));
  if (rng.chance(0.4)) {
    for (let k = rng.int(1, 3); k > 0; k--) out.push(api.addToCart(step(), c, token, rng.int(1, PRODUCTS)));
    if (rng.chance(0.75)) {
      const order = api.createOrder(step(), c, u, token);
      out.push(order.ev);
      const declined = rng.chance(0.06);
      out.push(api.pay(step(), c, token, order.id, b.cards[0]!, rng.int(15, 300), !declined));
      if (declined) out.push(api.pay(step(), c, token, order.id, b.cards[1]!, rng.int(15, 300), true));
      out.push(api.order(step(), c, token, order.id));
    }
  }
  if (u.orders.length && rng.chance(0.3)) {
    out.push(api.listOrders(step(), c, u, token));
    out.push(api.order(step(), c, token, rng.pick(u.orders)));
  }
  if (rng.chance(0.05)) out.push(api.updateProfile(step(), c, token, { displayName: `${u.username.split('.')[0]} ${rng.int(1, 99)}`, newsletter: rng.chance(0.5) }));
  if (rng.chance(0.01)) out.push(api.changePassword(step(), c, token));
  if (rng.chance(0.02)) out.push(api.user(step(), c, u, token, u.id));
}

/** A partner integration polling the first catalogue pages with an API key, every few minutes. */
export function partnerPolling(api: ShopApi, rng: Rng, start: number, end: number, out: SimEvent[]): void {
  const c: Client = { ip: '52.14.200.17', headers: [['user-agent', 'PartnerSync/2.1 (+https://partner.example)'], ['x-api-key', 'pk_live_partner_0001'], ['accept', 'application/json']] };
  for (let t = start; t < end; t += 300_000 + rng.int(0, 30_000)) for (let p = 1; p <= 5; p++) out.push(api.products(t + p * 400, c, p, 'new'));
}

export function newSignups(api: ShopApi, rng: Rng, n: number, start: number, span: number, out: SimEvent[]): void {
  for (let i = 0; i < n; i++) {
    const c: Client = { ip: residentialIp(rng), headers: browserProfile(rng) };
    const t = start + rng.int(0, span);
    const name = `newbie${i}.${rng.int(100, 999)}`;
    out.push(api.signup(t, c, name, `np-${i}`, { newsletter: true }).ev);
    if (rng.chance(0.1)) out.push(api.signup(t + 5000, c, name, `np-${i}`, { newsletter: true }).ev);
  }
}
