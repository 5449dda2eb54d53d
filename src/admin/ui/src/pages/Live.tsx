import { useEffect, useState } from 'preact/hooks';
import type { LiveEvent } from '../../../api-types';
import { liveEvents } from '../api';
import { actionClass, severityClass, time } from '../format';

const KEEP = 200;

export function LivePage() {
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [open, setOpen] = useState(false);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    return liveEvents((e) => setEvents((prev) => [e, ...prev].slice(0, KEEP)), setOpen);
  }, [paused]);
  return (
    <div data-page="live">
      <h2>
        Live <span class={open ? 'dot on' : 'dot'} data-testid="live-state">{open ? 'connected' : 'connecting'}</span>
        <button class="small" onClick={() => setPaused(!paused)}>{paused ? 'Resume' : 'Pause'}</button>
      </h2>
      {events.length === 0 && <p class="muted">Waiting for traffic…</p>}
      <table class="list" data-testid="live-events">
        <tbody>
          {events.map((e) =>
            e.type === 'exchange' ? (
              <tr key={`x${e.exchange.id}`} data-kind="exchange">
                <td>{time(e.exchange.time)}</td>
                <td><span class={`tag ${actionClass(e.exchange.action)}`}>{e.exchange.action}</span></td>
                <td>{e.exchange.status ?? '-'}</td>
                <td>{e.exchange.method}</td>
                <td class="path"><a href={`#/exchange/${encodeURIComponent(e.exchange.id)}`}>{e.exchange.path}{e.exchange.query ? `?${e.exchange.query}` : ''}</a></td>
                <td>{e.exchange.client_ip}</td>
                <td class="muted">{e.exchange.reasons.map((r) => r.rule).join(', ')}</td>
              </tr>
            ) : (
              <tr key={`a${e.alert.id}${e.alert.count}`} data-kind="alert" class="alert-row">
                <td>{time(e.alert.lastSeen)}</td>
                <td><span class={severityClass(e.alert.severity)}>{e.alert.severity}</span></td>
                <td colSpan={2}>ALERT</td>
                <td class="path"><a href={`#/alerts/${encodeURIComponent(e.alert.id)}`}>{e.alert.message}</a></td>
                <td>{e.alert.actor.ip}</td>
                <td class="muted">{e.alert.rule} ×{e.alert.count}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
