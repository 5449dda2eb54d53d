import type { TrafficFilter } from '../store.js';
import { ipKeyRange } from '../ip-key.js';

export class FilterError extends Error {}

/** A WHERE clause with its parameters; values are always bound, never spliced into the SQL. */
export interface Where {
  sql: string;
  params: (string | number)[];
}

export function whereOf(f: TrafficFilter, timeColumn = 'time'): Where {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (f.ip !== undefined) {
    const range = ipKeyRange(f.ip);
    if (!range) throw new FilterError(`"${f.ip}" is not an IP address or CIDR`);
    if (range.first === range.last) {
      clauses.push('ip_key = ?');
      params.push(range.first);
    } else {
      clauses.push('ip_key BETWEEN ? AND ?');
      params.push(range.first, range.last);
    }
  }
  if (f.principal !== undefined) {
    clauses.push('principal = ?');
    params.push(f.principal);
  }
  if (f.route !== undefined) {
    clauses.push(f.route.startsWith('/') ? 'route_template = ?' : 'route = ?');
    params.push(f.route);
  }
  if (typeof f.status === 'number') {
    clauses.push('status = ?');
    params.push(f.status);
  } else if (f.status) {
    clauses.push('status BETWEEN ? AND ?');
    params.push(f.status[0], f.status[1]);
  }
  if (f.decision !== undefined) {
    clauses.push('action = ?');
    params.push(f.decision);
  }
  if (f.since !== undefined) {
    clauses.push(`${timeColumn} >= ?`);
    params.push(f.since);
  }
  if (f.until !== undefined) {
    clauses.push(`${timeColumn} < ?`);
    params.push(f.until);
  }
  if (f.text !== undefined && f.text !== '') {
    const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    clauses.push(`(path LIKE ? ESCAPE '\\' OR query LIKE ? ESCAPE '\\' OR user_agent LIKE ? ESCAPE '\\' OR req_body LIKE ? ESCAPE '\\')`);
    params.push(like, like, like, like);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
