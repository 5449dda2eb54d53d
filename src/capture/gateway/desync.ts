// HTTP request-smuggling (desync) defence. Node's parser already rejects malformed framing (bad chunk sizes,
// invalid header names, obs-fold, conflicting Content-Length values); these checks refuse the remaining ambiguous
// heads outright instead of picking one reading. Bodies are re-framed by the gateway, never passed through raw.

export function desyncProblem(rawHeaders: readonly string[]): string | undefined {
  let contentLength = 0;
  let transferEncoding = 0;
  let host = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const len = name.length;
    if (len === 14 && name.toLowerCase() === 'content-length') {
      contentLength++;
      if (!/^\d{1,15}$/.test(rawHeaders[i + 1]!.trim())) return 'invalid Content-Length';
    } else if (len === 17 && name.toLowerCase() === 'transfer-encoding') {
      transferEncoding++;
      if (rawHeaders[i + 1]!.trim().toLowerCase() !== 'chunked') return 'unsupported Transfer-Encoding';
    } else if (len === 4 && name.toLowerCase() === 'host') host++;
  }
  if (contentLength > 1) return 'duplicate Content-Length';
  if (transferEncoding > 1) return 'duplicate Transfer-Encoding';
  if (contentLength > 0 && transferEncoding > 0) return 'both Content-Length and Transfer-Encoding';
  if (host > 1) return 'duplicate Host';
  return undefined;
}
