import { useState } from 'preact/hooks';
import type { InventoryEndpoint } from '../../../api-types';
import { api, download } from '../api';
import { pct } from '../format';
import { useData } from '../use-data';

function Detail({ e }: { e: InventoryEndpoint }) {
  return (
    <div class="detail" data-testid="endpoint-detail">
      <h3 class="mono">{e.method} {e.path}</h3>
      <p>Statuses: {Object.entries(e.statuses).map(([s, n]) => `${s}×${n}`).join(' ')}</p>
      <h4>Parameters</h4>
      {e.parameters.length === 0 ? <p class="muted">none</p> : (
        <ul>{e.parameters.map((p) => <li><code>{p.name}</code> in {p.in}{p.required ? ' (required)' : ''} <code>{JSON.stringify(p.schema)}</code></li>)}</ul>
      )}
      <h4>Request body</h4>
      <pre>{e.requestBody ? JSON.stringify(e.requestBody.schema, null, 2) : '—'}</pre>
      <h4>Responses</h4>
      <pre>{JSON.stringify(Object.fromEntries(Object.entries(e.responses).map(([s, r]) => [s, r.schema])), null, 2)}</pre>
      {e.sensitive.length > 0 && <p>Sensitive: {e.sensitive.map((s) => `${s.class} at ${s.location}`).join(', ')}</p>}
    </div>
  );
}

export function InventoryPage() {
  const { data, error } = useData(() => api.inventory(), []);
  const [selected, setSelected] = useState<InventoryEndpoint>();
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  return (
    <div data-page="inventory">
      <h2>
        Inventory <small class="muted">from the last {data.exchanges} recorded exchanges</small>
        <button class="small" data-testid="export-openapi" onClick={() => api.inventoryOpenApi().then((d) => download('vigil-discovered-openapi.json', d))}>Export OpenAPI</button>
      </h2>
      <div class="grid2">
        <table class="list" data-testid="endpoints">
          <thead><tr><th>endpoint</th><th>status</th><th>auth</th><th>sensitive</th><th>requests</th><th>errors</th></tr></thead>
          <tbody>
            {data.endpoints.map((e) => (
              <tr class={selected === e ? 'selected' : ''} onClick={() => setSelected(e)}>
                <td class="mono"><a href="javascript:void 0">{e.method} {e.path}</a></td>
                <td><span class={`tag ${e.status === 'documented' ? 'ok' : 'warn'}`}>{e.status}</span></td>
                <td>{e.auth.join(', ')}</td>
                <td>{e.sensitive.map((s) => s.class).join(', ')}</td>
                <td>{e.requests}</td>
                <td>{pct(e.errorRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {selected ? <Detail e={selected} /> : <p class="muted">Select an endpoint for its inferred schema.</p>}
      </div>
    </div>
  );
}
