import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { Bars, Chart } from '../chart';
import { useData } from '../use-data';

export function OverviewPage() {
  const { data, error, reload } = useData(() => api.overview({ since: '1h', buckets: 30 }), []);
  useEffect(() => {
    const t = setInterval(reload, 5000);
    return () => clearInterval(t);
  }, []);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">Loading…</p>;
  const x = data.series.map((b) => b.time);
  return (
    <div data-page="overview">
      <h2>Overview <small class="muted">last hour</small></h2>
      <div class="cards">
        <div class="card"><span>Requests</span><b data-testid="total-requests">{data.totals.requests}</b></div>
        <div class="card bad"><span>Blocked</span><b data-testid="total-blocked">{data.totals.blocked}</b></div>
        <div class="card warn"><span>Would block</span><b data-testid="total-would-block">{data.totals.wouldBlock}</b></div>
        <div class="card"><span>Alerts</span><b data-testid="total-alerts">{data.totals.alerts}</b></div>
      </div>
      <div class="grid2">
        <section>
          <h3>Traffic</h3>
          <Chart
            x={x}
            series={[
              { label: 'requests', color: '#3b82f6', values: data.series.map((b) => b.requests) },
              { label: 'blocked', color: '#dc2626', values: data.series.map((b) => b.blocked) },
              { label: 'would-block', color: '#d97706', values: data.series.map((b) => b.wouldBlock) },
            ]}
          />
        </section>
        <section>
          <h3>Alerts by severity</h3>
          <Chart
            x={x}
            series={[
              { label: 'critical', color: '#7f1d1d', values: data.series.map((b) => b.alerts.critical) },
              { label: 'high', color: '#dc2626', values: data.series.map((b) => b.alerts.high) },
              { label: 'medium', color: '#d97706', values: data.series.map((b) => b.alerts.medium) },
              { label: 'low', color: '#6b7280', values: data.series.map((b) => b.alerts.low) },
            ]}
          />
        </section>
      </div>
      <div class="grid3">
        <section data-testid="top-routes">
          <h3>Top attacked endpoints</h3>
          <Bars rows={data.topAttackedRoutes} href={(k) => `#/traffic?route=${encodeURIComponent(k)}`} />
        </section>
        <section data-testid="top-actors">
          <h3>Top actors</h3>
          <Bars rows={data.topActors} href={(k) => `#/traffic?ip=${encodeURIComponent(k)}`} />
        </section>
        <section data-testid="by-country">
          <h3>By country</h3>
          <Bars rows={data.byCountry} />
        </section>
      </div>
    </div>
  );
}
