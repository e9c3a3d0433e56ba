// A dependency-free SVG line chart for one telemetry metric (time on x, value on y).
export function LineChart({ points, height = 240, unit = '' }) {
  const width = 800;
  const pad = { l: 56, r: 16, t: 12, b: 28 };
  if (!points.length) return <div class="chart-empty">Waiting for data…</div>;
  const xs = points.map((p) => p.t);
  const ys = points.map((p) => p.v);
  let x0 = Math.min(...xs), x1 = Math.max(...xs);
  if (x1 - x0 < 1000) { x0 -= 30000; x1 += 1000; }
  let y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (y1 - y0 < 1e-9) { y0 -= 1; y1 += 1; }
  const span = y1 - y0; y0 -= span * 0.08; y1 += span * 0.08;
  const X = (t) => pad.l + ((t - x0) / (x1 - x0)) * (width - pad.l - pad.r);
  const Y = (v) => pad.t + (1 - (v - y0) / (y1 - y0)) * (height - pad.t - pad.b);
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${X(p.t).toFixed(1)},${Y(p.v).toFixed(1)}`).join('');
  const area = `${d}L${X(points[points.length - 1].t).toFixed(1)},${height - pad.b}L${X(points[0].t).toFixed(1)},${height - pad.b}Z`;
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => y0 + f * (y1 - y0));
  const xTicks = [0, 0.33, 0.66, 1].map((f) => x0 + f * (x1 - x0));
  const last = points[points.length - 1];
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label="telemetry chart">
      <defs>
        <linearGradient id="fill" x1="0" x2="0" y1="0" y2="1">
          <stop offset="0%" stop-color="var(--accent)" stop-opacity="0.28" />
          <stop offset="100%" stop-color="var(--accent)" stop-opacity="0" />
        </linearGradient>
      </defs>
      {yTicks.map((v) => (
        <g key={`y${v}`}>
          <line x1={pad.l} x2={width - pad.r} y1={Y(v)} y2={Y(v)} class="grid" />
          <text x={pad.l - 6} y={Y(v) + 4} text-anchor="end" class="tick">{v.toFixed(Math.abs(span) < 10 ? 2 : 0)}</text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`x${t}`} x={X(t)} y={height - 8} text-anchor="middle" class="tick">
          {new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
        </text>
      ))}
      <path d={area} fill="url(#fill)" />
      <path d={d} class="line" />
      <circle cx={X(last.t)} cy={Y(last.v)} r="4" class="dot" />
      <text x={Math.min(X(last.t), width - pad.r - 4)} y={Math.max(Y(last.v) - 10, 14)} text-anchor="end" class="last">
        {`${last.v.toFixed(2)}${unit}`}
      </text>
    </svg>
  );
}
