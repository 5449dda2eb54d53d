import type {
  AlertList, AlertView, ApiError, BlockList, ExchangeDetail, IncidentDetail, IncidentList, InventoryView, LiveEvent, Me, Overview, Timeline, TrafficPage, ValidationView,
} from '../../api-types';

// The typed client of the admin API: one function per call, the token from sessionStorage.

const KEY = 'vigil.token';

export const token = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (t: string): void => sessionStorage.setItem(KEY, t),
  clear: (): void => sessionStorage.removeItem(KEY),
};

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token.get() ?? ''}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json()) as T | ApiError;
  if (!res.ok) throw new ApiFailure(res.status, (data as ApiError).error ?? res.statusText);
  return data as T;
}

export type Query = Record<string, string | number | undefined>;

function qs(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const api = {
  me: () => call<Me>('GET', '/api/me'),
  overview: (q: Query) => call<Overview>('GET', `/api/overview${qs(q)}`),
  traffic: (q: Query) => call<TrafficPage>('GET', `/api/traffic${qs(q)}`),
  exchange: (id: string, time?: number) => call<ExchangeDetail>('GET', `/api/traffic/${encodeURIComponent(id)}${qs({ time })}`),
  har: (q: Query) => call<unknown>('GET', `/api/traffic/export.har${qs(q)}`),
  timeline: (q: Query) => call<Timeline>('GET', `/api/timeline${qs(q)}`),
  alerts: (q: Query) => call<AlertList>('GET', `/api/alerts${qs(q)}`),
  alert: (id: string) => call<AlertView>('GET', `/api/alerts/${encodeURIComponent(id)}`),
  triage: (id: string, action: 'ack' | 'resolve' | 'reopen') => call<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/${action}`),
  note: (id: string, text: string) => call<AlertView>('POST', `/api/alerts/${encodeURIComponent(id)}/notes`, { text }),
  incidents: (q: Query) => call<IncidentList>('GET', `/api/incidents${qs(q)}`),
  incident: (id: string) => call<IncidentDetail>('GET', `/api/incidents/${encodeURIComponent(id)}`),
  blocks: () => call<BlockList>('GET', '/api/blocks'),
  block: (actor: { ip: string } | { principal: string }, ttlS: number, reason: string) => call<unknown>('POST', '/api/blocks', { ...actor, ttl_s: ttlS, reason }),
  unblock: (actor: { ip: string } | { principal: string }) => call<unknown>('DELETE', `/api/blocks${qs(actor)}`),
  inventory: () => call<InventoryView>('GET', '/api/inventory'),
  inventoryOpenApi: () => call<unknown>('GET', '/api/inventory/openapi.json'),
  validation: () => call<ValidationView>('GET', '/api/validation'),
};

/** The live stream: EventSource with the token as a query parameter (EventSource sends no headers). */
export function liveEvents(onEvent: (e: LiveEvent) => void, onState: (open: boolean) => void): () => void {
  const es = new EventSource(`/api/events?token=${encodeURIComponent(token.get() ?? '')}`);
  const handle = (m: MessageEvent<string>) => onEvent(JSON.parse(m.data) as LiveEvent);
  es.addEventListener('exchange', handle);
  es.addEventListener('alert', handle);
  es.onopen = () => onState(true);
  es.onerror = () => onState(false);
  return () => es.close();
}

/** Saves JSON as a file download. */
export function download(name: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
