/** `8080`, `127.0.0.1:8080`, `[::1]:8080` or `:8080` (all interfaces). */
export function parseListenAddress(address: string): { host: string | undefined; port: number } {
  const text = address.trim();
  if (/^\d+$/.test(text)) return { host: '127.0.0.1', port: Number(text) };
  const colon = text.lastIndexOf(':');
  if (colon < 0) throw new Error(`listen address "${address}" needs a port`);
  let host = text.slice(0, colon);
  const port = Number(text.slice(colon + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`listen address "${address}" has an invalid port`);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host: host || undefined, port };
}
