import { api } from '../api';
import { useData } from '../use-data';

export function ValidationPage() {
  const { data, error } = useData(() => api.validation(), []);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  if (!data.run)
    return (
      <div data-page="validation">
        <h2>Validation</h2>
        <p class="muted" data-testid="validation-empty">
          No validation run yet. Run <code>vigil validate --every 15m --state-dir vigil-data/validate</code> (or set VIGIL_VALIDATE_STATE_DIR) and the last run shows here.
        </p>
      </div>
    );
  const r = data.run;
  return (
    <div data-page="validation">
      <h2>Validation <small class="muted">{r.target} · {r.finishedAt}</small></h2>
      <div class="cards">
        <div class="card ok"><span>Pass</span><b>{r.summary.pass}</b></div>
        <div class="card bad"><span>Fail</span><b>{r.summary.fail}</b></div>
        <div class="card warn"><span>Error</span><b>{r.summary.error}</b></div>
      </div>
      <table class="list">
        <thead><tr><th>status</th><th>control</th><th>route</th><th>expected</th><th>observed</th></tr></thead>
        <tbody>
          {r.checks.map((c) => (
            <tr><td><span class={`tag ${c.status === 'pass' ? 'ok' : c.status === 'fail' ? 'bad' : 'warn'}`}>{c.status}</span></td><td>{c.control}</td><td>{c.route}</td><td>{c.expected}</td><td>{c.observed}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
