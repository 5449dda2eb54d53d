import { isIP } from 'node:net';

/** Loopback is always allowed; anything else must be named with --allow-target (host or host:port). */
export function targetRefusal(target: URL, allowed: readonly string[]): string | undefined {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'))) return undefined;
  const hostPort = `${host}:${target.port || (target.protocol === 'https:' ? '443' : '80')}`;
  if (allowed.some((a) => a.toLowerCase() === host || a.toLowerCase() === hostPort)) return undefined;
  return `target ${target.host} is not loopback and not allowed: add --allow-target ${host} if you own it`;
}
