import type { Action, Severity } from '../../api-types';

export const time = (ms: number): string => new Date(ms).toLocaleTimeString();
export const dateTime = (ms: number): string => new Date(ms).toLocaleString();
export const actionClass = (a: Action): string => (a === 'allow' ? 'ok' : a === 'block' ? 'bad' : 'warn');
export const severityClass = (s: Severity): string => `sev sev-${s}`;
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
