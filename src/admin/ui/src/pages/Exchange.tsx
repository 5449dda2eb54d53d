import { api } from '../api';
import { actionClass, dateTime } from '../format';
import { useData } from '../use-data';

function Headers({ h }: { h: Record<string, string | string[]> | null }) {
  if (!h) return <p class="muted">not recorded</p>;
  return <pre>{Object.entries(h).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('\n')}</pre>;
}

export function ExchangePage({ id }: { id: string }) {
  const { data: x, error } = useData(() => api.exchange(id), [id]);
  if (error) return <p class="error">{error}</p>;
  if (!x) return <p class="muted">Loading…</p>;
  return (
    <div data-page="exchange">
      <p><a href="#/traffic">← Traffic</a></p>
      <h2 class="mono">{x.method} {x.path}{x.query ? `?${x.query}` : ''}</h2>
      <dl class="facts">
        <dt>Decision</dt><dd><span class={`tag ${actionClass(x.action)}`} data-testid="exchange-action">{x.action}</span> {x.status ?? ''}</dd>
        <dt>Time</dt><dd>{dateTime(x.time)} · {x.latency_ms?.toFixed(1) ?? '-'} ms</dd>
        <dt>Client</dt><dd><a href={`#/traffic?ip=${encodeURIComponent(x.client_ip)}`}>{x.client_ip}</a> (peer {x.peer_ip}) {x.country ?? ''} {x.asn_org ?? ''}</dd>
        <dt>Principal</dt><dd>{x.principal ?? '-'}</dd>
        <dt>Route</dt><dd>{x.route ?? '-'} {x.route_template ?? ''}</dd>
        <dt>Request id</dt><dd class="mono">{x.id}</dd>
      </dl>
      {x.reasons.length > 0 && (
        <section>
          <h3>Reasons</h3>
          <ul>{x.reasons.map((r) => <li><b>{r.control} {r.rule}</b> ({r.mode}) {r.message} {r.location && <code>{r.location}</code>} {r.evidence && <code>{r.evidence}</code>}</li>)}</ul>
        </section>
      )}
      {x.findings.length > 0 && (
        <section>
          <h3>Findings</h3>
          <ul>{x.findings.map((f) => <li>{f.severity} {f.category} {f.rule} at <code>{f.location}</code>: <code>{f.evidence}</code></li>)}</ul>
        </section>
      )}
      <div class="grid2">
        <section><h3>Request headers</h3><Headers h={x.req_headers} /><h3>Request body</h3><pre>{x.req_body ?? '—'}</pre></section>
        <section><h3>Response headers</h3><Headers h={x.resp_headers} /><h3>Response body</h3><pre>{x.resp_body ?? '—'}</pre></section>
      </div>
      <p class="muted">Recorded and shown redacted: secrets never reach the store.</p>
    </div>
  );
}
