import type { Client, SimEvent } from './event.js';

// The simulated shop API: it answers requests the way a real one would (tokens, owned orders, declines) so the
// traffic carries what context inference needs. /orders/{id} is deliberately vulnerable to BOLA.

export interface User {
  id: number;
  username: string;
  email: string;
  password: string;
  orders: number[];
}

export const BASE = '/api/v1';
export const PRODUCTS = 600;

function jwt(sub: number, iat: number): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: String(sub), iat: Math.floor(iat / 1000) })}.c2lnbmF0dXJl`;
}

export class ShopApi {
  readonly users: User[] = [];
  readonly byName = new Map<string, User>();
  readonly byId = new Map<number, User>();
  readonly orders = new Map<number, number>();
  /** order id → creation time */
  readonly orderTimes = new Map<number, number>();
  private nextUser = 1000;
  private nextOrder = 50_000;
  private nextCart = 900_000;

  addUser(username: string, password: string): User {
    const u: User = { id: this.nextUser++, username, email: `${username}@mail.example`, password, orders: [] };
    this.users.push(u);
    this.byName.set(username, u);
    this.byId.set(u.id, u);
    return u;
  }

  private ev(time: number, c: Client, method: string, path: string, status: number, body?: unknown, response?: unknown, token?: string, label?: string): SimEvent {
    const headers: [string, string][] = [['host', 'shop.example'], ...c.headers];
    if (token) headers.push(['authorization', `Bearer ${token}`]);
    if (body !== undefined) headers.push(['content-type', 'application/json']);
    return { time, ip: c.ip, method, path, headers, body, status, response, label };
  }

  login(time: number, c: Client, username: string, password: string, label?: string): { ev: SimEvent; token?: string } {
    const u = this.byName.get(username);
    if (!u || u.password !== password) return { ev: this.ev(time, c, 'POST', `${BASE}/login`, 401, { username, password }, { error: 'invalid credentials' }, undefined, label) };
    const token = jwt(u.id, time);
    return { ev: this.ev(time, c, 'POST', `${BASE}/login`, 200, { username, password }, { token, expiresIn: 3600 }, undefined, label), token };
  }

  signup(time: number, c: Client, username: string, password: string, extra: Record<string, unknown> = {}, label?: string): { ev: SimEvent; user?: User } {
    if (this.byName.has(username)) return { ev: this.ev(time, c, 'POST', `${BASE}/signup`, 409, { username, email: `${username}@mail.example`, password, ...extra }, { error: 'username taken' }, undefined, label) };
    const u = this.addUser(username, password);
    return { ev: this.ev(time, c, 'POST', `${BASE}/signup`, 201, { username, email: u.email, password, ...extra }, { id: u.id, username }, undefined, label), user: u };
  }

  passwordReset(time: number, c: Client, email: string, label?: string): SimEvent {
    const known = this.users.some((u) => u.email === email);
    return this.ev(time, c, 'POST', `${BASE}/password-reset`, known ? 200 : 404, { email }, known ? { status: 'sent' } : { error: 'no account with that email address' }, undefined, label);
  }

  me(time: number, c: Client, u: User, token: string, label?: string): SimEvent {
    return this.ev(time, c, 'GET', `${BASE}/users/me`, 200, undefined, { id: u.id, username: u.username, email: u.email }, token, label);
  }

  user(time: number, c: Client, u: User, token: string, id: number, label?: string): SimEvent {
    const target = this.byId.get(id);
    const status = !target ? 404 : target.id === u.id ? 200 : 403;
    return this.ev(time, c, 'GET', `${BASE}/users/${id}`, status, undefined, status === 200 ? { id, username: u.username } : { error: status === 404 ? 'not found' : 'forbidden' }, token, label);
  }

  products(time: number, c: Client, page: number, sort: string, token?: string, label?: string): SimEvent {
    const items = Array.from({ length: 20 }, (_, i) => ({ id: ((page - 1) * 20 + i) % PRODUCTS + 1, name: `Product ${i}`, price: 10 + i }));
    return this.ev(time, c, 'GET', `${BASE}/products?page=${page}&sort=${sort}`, 200, undefined, { items, page }, token, label);
  }

  product(time: number, c: Client, id: number, token?: string, label?: string): SimEvent {
    return this.ev(time, c, 'GET', `${BASE}/products/${id}`, id <= PRODUCTS ? 200 : 404, undefined, { id, name: `Product ${id}`, price: 20 }, token, label);
  }

  search(time: number, c: Client, q: string, token?: string, label?: string, page = 1): SimEvent {
    return this.ev(time, c, 'GET', `${BASE}/search?q=${encodeURIComponent(q)}&page=${page}`, 200, undefined, { items: [], total: 0 }, token, label);
  }

  addToCart(time: number, c: Client, token: string, productId: number, label?: string): SimEvent {
    return this.ev(time, c, 'POST', `${BASE}/cart`, 201, { productId, quantity: 1 }, { id: this.nextCart++, items: 1 }, token, label);
  }

  createOrder(time: number, c: Client, u: User, token: string, label?: string): { ev: SimEvent; id: number } {
    const id = this.nextOrder++;
    this.orders.set(id, u.id);
    this.orderTimes.set(id, time);
    u.orders.push(id);
    return { ev: this.ev(time, c, 'POST', `${BASE}/orders`, 201, { shipping: 'standard' }, { id, status: 'pending' }, token, label), id };
  }

  listOrders(time: number, c: Client, u: User, token: string, label?: string): SimEvent {
    return this.ev(time, c, 'GET', `${BASE}/orders`, 200, undefined, { items: u.orders.map((id) => ({ id, status: 'paid' })) }, token, label);
  }

  order(time: number, c: Client, token: string, id: number, label?: string): SimEvent {
    const exists = this.orders.has(id);
    return this.ev(time, c, 'GET', `${BASE}/orders/${id}`, exists ? 200 : 404, undefined, exists ? { id, status: 'paid', total: 42 } : { error: 'not found' }, token, label);
  }

  pay(time: number, c: Client, token: string, orderId: number, card: string, amount: number, approved: boolean, label?: string): SimEvent {
    const body = { orderId, amount, currency: 'EUR', card: { number: card, exp: '12/28', cvc: '123' } };
    return this.ev(time, c, 'POST', `${BASE}/payments`, approved ? 200 : 402, body, approved ? { id: orderId + 7_000_000, status: 'approved' } : { error: 'card declined' }, token, label);
  }

  updateProfile(time: number, c: Client, token: string, body: Record<string, unknown>, label?: string): SimEvent {
    return this.ev(time, c, 'PATCH', `${BASE}/users/me`, 200, body, { ok: true }, token, label);
  }

  changePassword(time: number, c: Client, token: string, label?: string): SimEvent {
    return this.ev(time, c, 'PUT', `${BASE}/users/me/password`, 204, { current: 'x', password: 'y' }, undefined, token, label);
  }

  changeEmail(time: number, c: Client, token: string, email: string, label?: string): SimEvent {
    return this.ev(time, c, 'PUT', `${BASE}/users/me/email`, 200, { email }, { ok: true }, token, label);
  }

  raw(time: number, c: Client, method: string, path: string, status: number, token?: string, label?: string): SimEvent {
    return this.ev(time, c, method, path, status, undefined, { items: [] }, token, label);
  }
}

export function cardNumber(seed: number): string {
  return `4${String(seed).padStart(15, '0').slice(-15)}`;
}
