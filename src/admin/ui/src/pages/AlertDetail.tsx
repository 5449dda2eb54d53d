import { useState } from 'preact/hooks';
import type { Me } from '../../../api-types';
import { api } from '../api';
import { actionClass, dateTime, severityClass, time } from '../format';
import { useData } from '../use-data';

export function AlertDetailPage({ id, me }: { id: string; me: Me }) {
  const alert = useData(() => api.alert(id), [id]);
  const a = alert.data;
  const timeline = useData(() => (a ? api.timeline({ ip: a.actor.ip, since: '24h', limit: 300 }) : Promise.resolve(undefined)), [a?.actor.ip]);
  const blocks = useData(() => api.blocks(), []);
  const incidents = useData(() => (a ? api.incidents({ ip: a.actor.ip, since: '30d' }) : Promise.resolve(undefined)), [a?.id]);
  const [message, setMessage] = useState<string>();
  const [note, setNote] = useState('');
  const isAdmin = me.role === 'admin';
  if (alert.error) return <p class="error">{alert.error}</p>;
  if (!a) return <p class="muted">Loading…</p>;
  const incident = incidents.data?.items.find((i) => i.alertIds.includes(a.id));
  const blocked = blocks.data?.items.find((b) => b.kind === 'block' && b.actor === `ip:${a.actor.ip}`);
  const act = (p: Promise<unknown>, done: string) =>
    p.then(
      () => {
        setMessage(done);
        alert.reload();
        blocks.reload();
        timeline.reload();
      },
      (e: Error) => setMessage(`Failed: ${e.message}`),
    );
  return (
    <div data-page="alert-detail">
      <p><a href="#/alerts">← Alerts</a></p>
      <h2>
        <span class={severityClass(a.severity)}>{a.severity}</span> {a.message}
      </h2>
      <dl class="facts">
        <dt>Rule</dt><dd>{a.control} · {a.rule}</dd>
        <dt>Actor</dt><dd data-testid="alert-actor">{a.actor.ip}{a.actor.principal ? ` · ${a.actor.principal}` : ''}{a.actor.country ? ` · ${a.actor.country}` : ''}</dd>
        <dt>Route</dt><dd>{a.route ?? '-'}</dd>
        <dt>Decision</dt><dd><span class={`tag ${actionClass(a.action)}`}>{a.action}</span></dd>
        <dt>Where</dt><dd>{a.parameter ?? '-'}</dd>
        <dt>Evidence</dt><dd><code data-testid="alert-evidence">{a.evidence ?? '-'}</code></dd>
        <dt>Seen</dt><dd>{a.count}× · {dateTime(a.firstSeen)} – {dateTime(a.lastSeen)}</dd>
        <dt>Status</dt><dd data-testid="alert-status">{a.status}</dd>
        <dt>Incident</dt><dd>{incident ? <a href={`#/incidents/${encodeURIComponent(incident.id)}`} data-testid="alert-incident">{incident.alertIds.length} alerts · {incident.types.join(', ')}</a> : '-'}</dd>
        <dt>Requests</dt><dd>{a.requestIds.slice(0, 5).map((r) => <a href={`#/exchange/${encodeURIComponent(r)}`} class="mono">{r.slice(0, 12)} </a>)}</dd>
      </dl>
      <div class="actions">
        {blocked ? (
          <>
            <span class="tag bad" data-testid="blocked-until">blocked until {time(blocked.until)}</span>
            <button disabled={!isAdmin} onClick={() => act(api.unblock({ ip: a.actor.ip }), 'Unblocked')}>Unblock</button>
          </>
        ) : (
          <button
            class="danger"
            data-testid="block-actor"
            disabled={!isAdmin}
            title={isAdmin ? `block ${a.actor.ip} on every gateway for one hour` : 'needs the admin role'}
            onClick={() => act(api.block({ ip: a.actor.ip }, 3600, `alert ${a.id}: ${a.control} ${a.rule}`), `Blocked ${a.actor.ip} for 1 h`)}
          >
            Block actor for 1 h
          </button>
        )}
        <button disabled={!isAdmin || a.status === 'acknowledged'} data-testid="ack" onClick={() => act(api.triage(a.id, 'ack'), 'Acknowledged')}>Acknowledge</button>
        <button disabled={!isAdmin || a.status === 'resolved'} data-testid="resolve" onClick={() => act(api.triage(a.id, 'resolve'), 'Resolved')}>Resolve</button>
        {!isAdmin && <span class="muted">Read-only: viewer token</span>}
      </div>
      {message && <p class="notice" data-testid="action-message">{message}</p>}
      <section>
        <h3>Notes</h3>
        {a.notes.map((n) => <p class="note"><b>{n.who}</b> <small class="muted">{dateTime(n.time)}</small><br />{n.text}</p>)}
        {isAdmin && (
          <form
            class="filters"
            onSubmit={(e) => {
              e.preventDefault();
              if (note.trim()) act(api.note(a.id, note), 'Note added').then(() => setNote(''));
            }}
          >
            <input value={note} placeholder="add a note" onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
            <button type="submit">Add</button>
          </form>
        )}
      </section>
      <section>
        <h3>Timeline of {a.actor.ip} <small class="muted">last 24 h</small></h3>
        <table class="list" data-testid="timeline">
          <tbody>
            {timeline.data?.items.map((t) =>
              t.kind === 'exchange' ? (
                <tr>
                  <td>{time(t.time)}</td>
                  <td><span class={`tag ${actionClass(t.exchange.action)}`}>{t.exchange.action}</span></td>
                  <td>{t.exchange.status ?? '-'}</td>
                  <td class="path"><a href={`#/exchange/${encodeURIComponent(t.exchange.id)}`}>{t.exchange.method} {t.exchange.path}{t.exchange.query ? `?${t.exchange.query}` : ''}</a></td>
                  <td class="muted">{t.exchange.reasons.map((r) => r.rule).join(', ')}</td>
                </tr>
              ) : (
                <tr class="alert-row">
                  <td>{time(t.time)}</td>
                  <td><span class={severityClass(t.alert.severity)}>{t.alert.severity}</span></td>
                  <td>alert</td>
                  <td colSpan={2}>{t.alert.message}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </section>
    </div>
  );
}
