// One asset: its registry record, latest values and a live chart of a chosen metric (history from /series, then
// each point from the SSE stream /api/v1/telemetry/stream, read with fetch so the bearer token is sent).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, qs, streamEvents } from './api.js';
import { LineChart } from './chart.jsx';
import { CritBadge, StatusBadge, loadZones } from './assets.jsx';
import { Badge, Empty, ErrorBox, Spinner, fmtAgo, fmtNum, fmtTime, useAsync } from './ui.jsx';

const MAX_POINTS = 600;

export function AssetTelemetryView({ tag, navigate }) {
  const asset = useAsync(() => api(`/api/v1/assets/by-tag/${encodeURIComponent(tag)}`), [tag]);
  const zones = useAsync(loadZones, []);
  const latest = useAsync(() => api(`/api/v1/telemetry/latest${qs({ asset: tag })}`), [tag]);
  const [live, setLive] = useState({}); // metric -> latest live point
  const [metric, setMetric] = useState(null);
  const [series, setSeries] = useState([]);
  const [stream, setStream] = useState('connecting');
  const [count, setCount] = useState(0);
  const metricRef = useRef(null);
  metricRef.current = metric;

  const metrics = useMemo(() => {
    const m = new Map();
    for (const x of latest.data?.metrics || []) m.set(x.metric, x);
    for (const [k, x] of Object.entries(live)) m.set(k, { ...m.get(k), ...x });
    return [...m.values()].sort((a, b) => a.metric.localeCompare(b.metric));
  }, [latest.data, live]);

  useEffect(() => {
    if (!metric) {
      const numeric = metrics.find((x) => typeof x.value === 'number');
      if (numeric) setMetric(numeric.metric);
    }
  }, [metrics]);

  // history of the chosen metric: the last 15 minutes in 5-second buckets
  useEffect(() => {
    if (!metric) return;
    let cancelled = false;
    const to = new Date(Date.now() + 60000), from = new Date(Date.now() - 15 * 60000);
    api(`/api/v1/telemetry/series${qs({ asset: tag, metric, from: from.toISOString(), to: to.toISOString(), bucket: '5s', agg: 'avg' })}`)
      .then((s) => {
        if (cancelled) return;
        const pts = (s.buckets || s.points || []).filter((b) => typeof b.value === 'number')
          .map((b) => ({ t: new Date(b.start || b.ts || b.time).getTime(), v: b.value }));
        setSeries((cur) => mergePoints(pts, cur));
      })
      .catch(() => {});
    return () => { cancelled = true; };
  }, [tag, metric]);

  // live points
  useEffect(() => {
    const ctl = new AbortController();
    setSeries([]);
    streamEvents(`/api/v1/telemetry/stream${qs({ asset: tag })}`, {
      signal: ctl.signal,
      onState: setStream,
      onEvent: (p) => {
        setCount((c) => c + 1);
        setLive((cur) => ({ ...cur, [p.metric]: { metric: p.metric, ts: p.ts, value: p.value ?? p.state, quality: p.quality } }));
        if (!metricRef.current && typeof p.value === 'number') setMetric(p.metric);
        if (p.metric === metricRef.current && typeof p.value === 'number') {
          setSeries((cur) => mergePoints(cur, [{ t: new Date(p.ts).getTime(), v: p.value }]));
        }
      },
    });
    return () => ctl.abort();
  }, [tag]);

  const a = asset.data;
  return (
    <div class="stack">
      <div class="crumbs"><a href="/assets" onClick={(e) => { e.preventDefault(); navigate('/assets'); }}>Assets</a> / <span class="mono">{tag}</span></div>
      <ErrorBox error={asset.error} />
      {a && (
        <section class="panel asset-card">
          <div class="asset-title">
            <h2>{a.name} <span class="mono muted">{a.tag}</span></h2>
            <div class="badges"><StatusBadge status={a.status} /><CritBadge criticality={a.criticality} /></div>
          </div>
          <dl class="facts">
            <div><dt>Type</dt><dd>{a.domain} · {a.type}</dd></div>
            <div><dt>Vendor / model</dt><dd>{a.vendor || '—'} {a.model || ''}</dd></div>
            <div><dt>Firmware</dt><dd class="mono">{a.firmwareVersion || '—'}</dd></div>
            <div><dt>Zone</dt><dd>{zones.data?.get(a.zoneId)?.name || '—'}</dd></div>
            <div><dt>IP</dt><dd class="mono">{a.ipAddress || '—'}</dd></div>
            <div><dt>Updated</dt><dd>{fmtTime(a.updatedAt)}</dd></div>
          </dl>
        </section>
      )}
      <div class="split">
        <section class="panel grow">
          <div class="panel-head">
            <h2>Live {metric ? <span class="mono">{metric}</span> : 'telemetry'}</h2>
            <span class={`live live-${stream}`} data-testid="stream-state">{stream === 'live' ? '● live' : stream}</span>
          </div>
          <LineChart points={series} />
          <div class="muted small" data-testid="live-count">{count} live points received</div>
        </section>
        <section class="panel side">
          <div class="panel-head"><h2>Latest values</h2></div>
          <ErrorBox error={latest.error} />
          {latest.loading && !latest.data && <Spinner />}
          {latest.data && metrics.length === 0 && <Empty>No telemetry from this asset yet.</Empty>}
          <ul class="metrics" data-testid="latest-values">
            {metrics.map((m) => (
              <li key={m.metric}>
                <button class={`metric ${metric === m.metric ? 'active' : ''}`} onClick={() => { setSeries([]); setMetric(m.metric); }}>
                  <span class="mono name">{m.metric}</span>
                  <span class="value">{typeof m.value === 'number' ? fmtNum(m.value) : String(m.value ?? m.state ?? '—')}</span>
                  <span class="when">{m.quality && m.quality !== 'good' && <Badge kind="warn">{m.quality}</Badge>} {fmtAgo(m.ts)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

function mergePoints(a, b) {
  const m = new Map();
  for (const p of [...a, ...b]) m.set(p.t, p);
  return [...m.values()].sort((x, y) => x.t - y.t).slice(-MAX_POINTS);
}
