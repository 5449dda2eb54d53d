import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../../api-types';
import { api, token } from './api';
import { Login } from './pages/Login';
import { OverviewPage } from './pages/Overview';
import { LivePage } from './pages/Live';
import { AlertsPage } from './pages/Alerts';
import { AlertDetailPage } from './pages/AlertDetail';
import { IncidentsPage } from './pages/Incidents';
import { IncidentDetailPage } from './pages/IncidentDetail';
import { InventoryPage } from './pages/Inventory';
import { TrafficPage } from './pages/Traffic';
import { ExchangePage } from './pages/Exchange';
import { ValidationPage } from './pages/Validation';
import './style.css';
import 'uplot/dist/uPlot.min.css';

const NAV: [string, string][] = [
  ['overview', 'Overview'],
  ['live', 'Live'],
  ['incidents', 'Incidents'],
  ['alerts', 'Alerts'],
  ['inventory', 'Inventory'],
  ['traffic', 'Traffic'],
  ['validation', 'Validation'],
];

function useHash(): string[] {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
}

function Page({ parts, me }: { parts: string[]; me: Me }) {
  const [page, id] = parts;
  switch (page) {
    case 'live':
      return <LivePage />;
    case 'alerts':
      return id ? <AlertDetailPage id={id} me={me} /> : <AlertsPage />;
    case 'incidents':
      return id ? <IncidentDetailPage id={id} me={me} /> : <IncidentsPage />;
    case 'inventory':
      return <InventoryPage />;
    case 'traffic':
      return <TrafficPage />;
    case 'exchange':
      return <ExchangePage id={id ?? ''} />;
    case 'validation':
      return <ValidationPage />;
    default:
      return <OverviewPage />;
  }
}

function App() {
  const [me, setMe] = useState<Me>();
  const [checking, setChecking] = useState(token.get() !== null);
  const parts = useHash();
  useEffect(() => {
    if (!token.get()) return;
    api.me().then(setMe, () => token.clear()).finally(() => setChecking(false));
  }, []);
  if (checking) return <p class="muted pad">Checking the token…</p>;
  if (!me) return <Login onLogin={setMe} />;
  const current = parts[0] || 'overview';
  return (
    <div class="shell">
      <nav>
        <strong class="brand">Vigil</strong>
        {NAV.map(([p, label]) => (
          <a href={`#/${p}`} class={current === p || (p === 'traffic' && current === 'exchange') ? 'active' : ''} data-nav={p}>
            {label}
          </a>
        ))}
        <span class="grow" />
        <span class="who" data-testid="who">
          {me.name} ({me.role})
        </span>
        <button
          class="link"
          onClick={() => {
            token.clear();
            setMe(undefined);
          }}
        >
          Sign out
        </button>
      </nav>
      <main>
        <Page parts={parts} me={me} />
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
