import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface Series {
  label: string;
  color: string;
  values: number[];
}

/** A small time-series chart (uPlot): x in epoch ms. */
export function Chart({ x, series, height = 180 }: { x: number[]; series: Series[]; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const plot = new uPlot(
      {
        width: el.current.clientWidth || 600,
        height,
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, fill: `${s.color}22`, width: 2 }))],
        axes: [{}, { size: 40 }],
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
      },
      [x.map((t) => t / 1000), ...series.map((s) => s.values)],
      el.current,
    );
    return () => plot.destroy();
  }, [x, series, height]);
  return <div class="chart" ref={el} />;
}

/** A horizontal bar list of counts. */
export function Bars({ rows, href }: { rows: { key: string; count: number }[]; href?: (key: string) => string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  if (rows.length === 0) return <p class="muted">Nothing yet.</p>;
  return (
    <ul class="bars">
      {rows.map((r) => (
        <li>
          <span class="bar" style={{ width: `${(r.count / max) * 100}%` }} />
          {href ? <a href={href(r.key)}>{r.key}</a> : <span>{r.key}</span>}
          <b>{r.count}</b>
        </li>
      ))}
    </ul>
  );
}
