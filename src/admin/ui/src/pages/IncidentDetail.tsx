import { useState } from 'preact/hooks';
import type { Me } from '../../../api-types';
import { api } from '../api';
import { BlockActor } from '../components/BlockActor';
import { actionClass, dateTime, severityClass, time } from '../format';
import { useData } from '../use-data';

export function IncidentDetailPage({ id, me }: { id: string; me: Me }) {
  const incident = useData(() => api.incident(id), [id]);
  const blocks = useData(() => api.blocks(), []);
  const [message, setMessage] = useState<string>();
  const i = incident.data;
  if (incident.error) return <p class="error">{incident.error}</p>;
  if (!i) return <p class="muted">Loading…</p>;
  const act = (p: Promise<unknown>, done: string) =>
    p.then(
      () => {
        setMessage(done);
        incident.reload();
        blocks.reload();
      },
      (e: Error) => setMessage(`Failed: ${e.message}`),
    );
  const evidence = i.alerts.filter((a) => a.evidence);
  return (
    <div data-page="incident-detail">
      <p><a href="#/incidents">← Incidents</a></p>
      <h2>
        <span class={severityClass(i.severity)}>{i.severity}</span> {i.types.join(', ')} from {[...i.actor.ips, ...i.actor.principals].join(', ')}
      </h2>
      <dl class="facts">
        <dt>Actor</dt><dd data-testid="incident-actor">{[...i.actor.ips, ...i.actor.principals].join(' · ')}</dd>
        <dt>Seen</dt><dd>{dateTime(i.firstSeen)} – {dateTime(i.lastSeen)}</dd>
        <dt>Alerts</dt><dd>{i.alertIds.length}</dd>
        <dt>Status</dt><dd data-testid="incident-status">{i.status}</dd>
      </dl>
      <div class="actions">
        <BlockActor ips={i.actor.ips} reason={`incident ${i.id}: ${i.types.join(', ')}`} blocks={blocks.data?.items} me={me} act={act} />
        {me.role !== 'admin' && <span class="muted">Read-only: viewer token</span>}
      </div>
      {message && <p class="notice" data-testid="action-message">{message}</p>}
      <section>
        <h3>Alerts</h3>
        <table class="list" data-testid="incident-alerts">
          <tbody>
            {i.alerts.map((a) => (
              <tr key={a.id}>
                <td>{time(a.firstSeen)}</td>
                <td><span class={severityClass(a.severity)}>{a.severity}</span></td>
                <td><a href={`#/alerts/${encodeURIComponent(a.id)}`}>{a.message}</a> <small class="muted">{a.control} {a.rule}</small></td>
                <td>{a.count}×</td>
                <td>{a.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h3>Evidence</h3>
        {evidence.length === 0 && <p class="muted">No matched evidence recorded.</p>}
        <ul data-testid="incident-evidence">
          {evidence.map((a) => <li><small class="muted">{a.rule} {a.parameter ?? ''}</small> <code>{a.evidence}</code></li>)}
        </ul>
      </section>
      <section>
        <h3>Timeline of the actor's exchanges</h3>
        <table class="list" data-testid="incident-timeline">
          <tbody>
            {i.timeline.map(({ exchange: x, evidence: ev }) => (
              <tr key={x.id} class={ev ? 'alert-row' : ''} data-evidence={ev ? 'yes' : 'no'}>
                <td>{time(x.time)}</td>
                <td><span class={`tag ${actionClass(x.action)}`}>{x.action}</span></td>
                <td>{x.status ?? '-'}</td>
                <td class="path"><a href={`#/exchange/${encodeURIComponent(x.id)}`}>{x.method} {x.path}{x.query ? `?${x.query}` : ''}</a></td>
                <td class="muted">{x.client_ip}{x.principal ? ` · ${x.principal}` : ''}</td>
                <td class="muted">{x.reasons.map((r) => r.rule).join(', ')}{ev ? ' · evidence' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
