import type { Caller } from './admin-auth.js';

export interface AuditEntry {
  time: string;
  who: string;
  role: Caller['role'];
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

/** Every change made through the admin API: kept (the most recent) for the API, and written to the log. */
export class AuditLog {
  private readonly entries: AuditEntry[] = [];

  constructor(
    private readonly capacity = 1000,
    private readonly write: (line: string) => void = (line) => console.log(line),
  ) {}

  record(caller: Caller, action: string, target: string, detail?: Record<string, unknown>): void {
    const entry: AuditEntry = { time: new Date().toISOString(), who: caller.name, role: caller.role, action, target, ...(detail ? { detail } : {}) };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
    this.write(`vigil audit: ${JSON.stringify(entry)}`);
  }

  recent(): AuditEntry[] {
    return [...this.entries].reverse();
  }
}
