import { useState } from 'preact/hooks';
import { api, download, type Query } from '../api';
import { actionClass, time } from '../format';
import { useData } from '../use-data';

const FIELDS: [string, string][] = [
  ['ip', 'ip or CIDR'],
  ['principal', 'principal'],
  ['route', 'route'],
  ['status', 'status (404, 5xx)'],
  ['since', 'since (15m, 2h)'],
  ['until', 'until'],
  ['text', 'text'],
];

function initial(): Query {
  const q = location.hash.split('?')[1];
  return Object.fromEntries(new URLSearchParams(q ?? ''));
}

export function TrafficPage() {
  const [draft, setDraft] = useState<Query>(initial);
  const [query, setQuery] = useState<Query>(initial);
  const { data, error } = useData(() => api.traffic({ ...query, limit: 200 }), [JSON.stringify(query)]);
  const set = (k: string, v: string) => setDraft({ ...draft, [k]: v });
  return (
    <div data-page="traffic">
      <h2>Traffic</h2>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(draft);
        }}
      >
        {FIELDS.map(([k, label]) => (
          <input name={k} placeholder={label} value={String(draft[k] ?? '')} onInput={(e) => set(k, (e.target as HTMLInputElement).value)} />
        ))}
        <select name="decision" value={String(draft.decision ?? '')} onChange={(e) => set('decision', (e.target as HTMLSelectElement).value)}>
          <option value="">any decision</option>
          <option value="allow">allow</option>
          <option value="block">block</option>
          <option value="would-block">would-block</option>
        </select>
        <button type="submit">Search</button>
        <button type="button" onClick={() => api.har({ ...query, limit: 1000 }).then((h) => download('vigil-traffic.har', h))}>Export HAR</button>
      </form>
      {error && <p class="error" data-testid="traffic-error">{error}</p>}
      {data && <p class="muted" data-testid="traffic-total">{data.total} matching, newest first</p>}
      <table class="list" data-testid="traffic">
        <thead>
          <tr><th>time</th><th>decision</th><th>status</th><th>method</th><th>path</th><th>client</th><th>principal</th><th>route</th><th>reasons</th></tr>
        </thead>
        <tbody>
          {data?.items.map((x) => (
            <tr key={x.id}>
              <td>{time(x.time)}</td>
              <td><span class={`tag ${actionClass(x.action)}`}>{x.action}</span></td>
              <td>{x.status ?? '-'}</td>
              <td>{x.method}</td>
              <td class="path"><a href={`#/exchange/${encodeURIComponent(x.id)}`}>{x.path}{x.query ? `?${x.query}` : ''}</a></td>
              <td>{x.client_ip}{x.country ? ` ${x.country}` : ''}</td>
              <td>{x.principal ?? ''}</td>
              <td>{x.route ?? ''}</td>
              <td class="muted">{x.reasons.map((r) => r.rule).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
