import { useState } from 'preact/hooks';
import { api } from '../api';
import { actionClass, severityClass, time } from '../format';
import { useData } from '../use-data';

export function AlertsPage() {
  const [status, setStatus] = useState('');
  const [severity, setSeverity] = useState('');
  const { data, error } = useData(() => api.alerts({ since: '24h', status, severity }), [status, severity]);
  return (
    <div data-page="alerts">
      <h2>Alerts</h2>
      <div class="filters">
        <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)} aria-label="status">
          <option value="">any status</option>
          <option value="open">open</option>
          <option value="acknowledged">acknowledged</option>
          <option value="resolved">resolved</option>
        </select>
        <select value={severity} onChange={(e) => setSeverity((e.target as HTMLSelectElement).value)} aria-label="severity">
          <option value="">any severity</option>
          {['critical', 'high', 'medium', 'low'].map((s) => <option value={s}>{s}</option>)}
        </select>
      </div>
      {error && <p class="error">{error}</p>}
      <table class="list" data-testid="alerts">
        <thead>
          <tr><th>last seen</th><th>severity</th><th>alert</th><th>actor</th><th>route</th><th>action</th><th>count</th><th>status</th></tr>
        </thead>
        <tbody>
          {data?.items.map((a) => (
            <tr key={a.id}>
              <td>{time(a.lastSeen)}</td>
              <td><span class={severityClass(a.severity)}>{a.severity}</span></td>
              <td><a href={`#/alerts/${encodeURIComponent(a.id)}`}>{a.message}</a> <small class="muted">{a.control} {a.rule}</small></td>
              <td>{a.actor.ip}{a.actor.principal ? ` (${a.actor.principal})` : ''}</td>
              <td>{a.route ?? '-'}</td>
              <td><span class={`tag ${actionClass(a.action)}`}>{a.action}</span></td>
              <td>{a.count}</td>
              <td>{a.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.items.length === 0 && <p class="muted">No alerts in the last 24 hours.</p>}
    </div>
  );
}
