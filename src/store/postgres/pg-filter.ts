import type { TrafficFilter } from '../store.js';
import { ipKeyRange } from '../ip-key.js';

// The WHERE clause of a traffic filter for PostgreSQL, with the SQLite store's meaning: the same columns and
// comparisons; text search is case-insensitive like SQLite's LIKE (ILIKE here).

export class PgFilterError extends Error {}

export interface PgWhere {
  sql: string;
  params: (string | number)[];
}

export function pgWhereOf(f: TrafficFilter, timeColumn = 'time'): PgWhere {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const bind = (v: string | number): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.ip !== undefined) {
    const range = ipKeyRange(f.ip);
    if (!range) throw new PgFilterError(`"${f.ip}" is not an IP address or CIDR`);
    clauses.push(range.first === range.last ? `ip_key = ${bind(range.first)}` : `ip_key BETWEEN ${bind(range.first)} AND ${bind(range.last)}`);
  }
  if (f.principal !== undefined) clauses.push(`principal = ${bind(f.principal)}`);
  if (f.route !== undefined) clauses.push(f.route.startsWith('/') ? `route_template = ${bind(f.route)}` : `route = ${bind(f.route)}`);
  if (typeof f.status === 'number') clauses.push(`status = ${bind(f.status)}`);
  else if (f.status) clauses.push(`status BETWEEN ${bind(f.status[0])} AND ${bind(f.status[1])}`);
  if (f.decision !== undefined) clauses.push(`action = ${bind(f.decision)}`);
  if (f.since !== undefined) clauses.push(`${timeColumn} >= ${bind(f.since)}`);
  if (f.until !== undefined) clauses.push(`${timeColumn} < ${bind(f.until)}`);
  if (f.text !== undefined && f.text !== '') {
    const like = bind(`%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    clauses.push(`(path ILIKE ${like} OR query ILIKE ${like} OR user_agent ILIKE ${like} OR req_body ILIKE ${like})`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
