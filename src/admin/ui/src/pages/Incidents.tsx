import { api } from '../api';
import { dateTime, severityClass, time } from '../format';
import { useData } from '../use-data';

export function IncidentsPage() {
  const { data, error } = useData(() => api.incidents({ since: '24h' }), []);
  return (
    <div data-page="incidents">
      <h2>Incidents <small class="muted">alerts of one actor within 30 minutes of each other, last 24 h</small></h2>
      {error && <p class="error">{error}</p>}
      <table class="list" data-testid="incidents">
        <thead>
          <tr><th>last seen</th><th>severity</th><th>actor</th><th>types</th><th>alerts</th><th>since</th><th>status</th></tr>
        </thead>
        <tbody>
          {data?.items.map((i) => (
            <tr key={i.id}>
              <td>{time(i.lastSeen)}</td>
              <td><span class={severityClass(i.severity)}>{i.severity}</span></td>
              <td><a href={`#/incidents/${encodeURIComponent(i.id)}`}>{[...i.actor.ips, ...i.actor.principals].join(', ')}</a></td>
              <td>{i.types.join(', ')}</td>
              <td>{i.alertIds.length}</td>
              <td class="muted">{dateTime(i.firstSeen)}</td>
              <td>{i.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.items.length === 0 && <p class="muted">No incidents in the last 24 hours.</p>}
    </div>
  );
}
