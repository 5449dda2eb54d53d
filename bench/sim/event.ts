// One simulated request/response, before it becomes a HAR entry.

export interface SimEvent {
  time: number;
  ip: string;
  method: string;
  path: string;
  headers: [string, string][];
  body?: unknown;
  status: number;
  response?: unknown;
  /** The attack scenario this request belongs to; undefined for benign traffic. */
  label?: string;
}

export interface Client {
  ip: string;
  /** Header list sent on every request, in this client's order. */
  headers: [string, string][];
}
