import type { ExchangeRecord } from '../../store/record.js';
import { toHar } from '../../store/export/har-export.js';
import { terminalText } from '../../report/escape.js';

export const OUTPUT_FORMATS = ['table', 'jsonl', 'csv', 'har'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function reasonsOf(r: ExchangeRecord): string {
  return r.reasons.map((x) => `${x.control}:${x.rule}`).join(' ');
}

/** A text table: columns padded to the widest cell; long paths cut so that a row fits a terminal. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

function cut(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function trafficTable(records: readonly ExchangeRecord[]): string {
  const head = ['TIME', 'CLIENT', 'PRINCIPAL', 'METHOD', 'PATH', 'STATUS', 'MS', 'DECISION', 'REASONS'];
  const rows = records.map((r) => [
    new Date(r.time).toISOString().replace('T', ' ').slice(0, 23),
    r.client_ip,
    r.principal ?? '-',
    r.method,
    cut(r.path + (r.query ? `?${r.query}` : ''), 60),
    String(r.status ?? '-'),
    r.latency_ms === null ? '-' : r.latency_ms.toFixed(0),
    r.action,
    reasonsOf(r) || '-',
  ]);
  return table([head, ...rows]);
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // a leading = + - @ would be a formula in a spreadsheet: quote it away
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_COLUMNS = ['id', 'time', 'client_ip', 'country', 'asn', 'principal', 'method', 'host', 'route', 'path', 'query', 'status', 'latency_ms', 'req_bytes', 'resp_bytes', 'action', 'reasons', 'user_agent'] as const;

export function trafficCsv(records: readonly ExchangeRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records)
    lines.push(
      CSV_COLUMNS.map((c) => (c === 'time' ? new Date(r.time).toISOString() : c === 'reasons' ? reasonsOf(r) : (r[c] as string | number | null)))
        .map(csvCell)
        .join(','),
    );
  return lines.join('\n');
}

export function formatTraffic(records: readonly ExchangeRecord[], format: OutputFormat): string {
  if (format === 'jsonl') return records.map((r) => JSON.stringify(r)).join('\n');
  if (format === 'csv') return trafficCsv(records);
  if (format === 'har') return JSON.stringify(toHar(records), null, 1);
  return records.length ? trafficTable(records).split('\n').map(terminalText).join('\n') : '(no exchanges match)';
}
