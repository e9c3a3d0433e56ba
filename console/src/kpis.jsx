// KPIs: OEE per line (ISO 22400 availability / effectiveness / quality) over the current shift-sized window, open KPI
// alarms (acknowledge: operator, engineer, admin) and maintenance recommendations ranked by risk.
import { useState } from 'preact/hooks';
import { api, qs } from './api.js';
import { loadPlant } from './assets.jsx';
import { ActionButton, Badge, Empty, ErrorBox, Spinner, fmtAgo, fmtNum, pct, useAsync } from './ui.jsx';

const RANGES = { '1h': 3600e3, '8h': 8 * 3600e3, '24h': 24 * 3600e3 };

function Gauge({ label, kv }) {
  const v = kv && typeof kv.value === 'number' ? kv.value : null;
  const tone = v === null ? 'muted' : v >= 0.85 ? 'ok' : v >= 0.6 ? 'warn' : 'danger';
  return (
    <div class={`gauge gauge-${tone}`} title={kv?.reason || ''}>
      <div class="gauge-label">{label}</div>
      <div class="gauge-value">{v === null ? '—' : pct(kv)}</div>
      <div class="bar"><span style={{ width: `${v === null ? 0 : Math.min(v, 1) * 100}%` }} /></div>
      {v === null && kv?.reason && <div class="gauge-reason">{kv.reason}</div>}
    </div>
  );
}

function OeeCard({ line, range }) {
  const oee = useAsync(async () => {
    // buckets that are not whole hours make the service sum its 1-minute windows, so the figures include the
    // current hour (an hourly window exists only once its hour is over); the total is derived from the sums
    const to = new Date(Math.floor(Date.now() / 60e3) * 60e3);
    const from = new Date(to.getTime() - RANGES[range]);
    const bucket = range === '1h' ? 'PT5M' : 'PT10M';
    return (await api(`/api/v1/kpis/oee${qs({ scope: `line:${line.id}`, from: from.toISOString(), to: to.toISOString(), bucket })}`)).total;
  }, [line.id, range], 30000);
  const o = oee.data;
  return (
    <div class="card oee-card" data-testid={`oee-${line.code}`}>
      <div class="card-head"><strong>{line.name}</strong><span class="muted small">{line.site}</span></div>
      {oee.error && !o && <div class="muted small">{oee.error.status === 404 ? 'No KPI data for this line yet' : oee.error.message}</div>}
      {!o && !oee.error && <Spinner />}
      {o && (
        <>
          <Gauge label="OEE" kv={o.oee} />
          <div class="aeq">
            <Gauge label="Availability" kv={o.availability} />
            <Gauge label="Performance" kv={o.effectiveness} />
            <Gauge label="Quality" kv={o.quality} />
          </div>
          <div class="muted small">good {fmtNum(o.goodQuantity, 0)} · scrap {fmtNum(o.scrapQuantity, 0)} · run {fmtNum(o.actualProductionSeconds / 60, 0)} of {fmtNum(o.plannedBusySeconds / 60, 0)} min planned</div>
        </>
      )}
    </div>
  );
}

export function KpisView({ caps }) {
  const [range, setRange] = useState('8h');
  const plant = useAsync(loadPlant, []);
  const lines = (plant.data || []).flatMap((site) => site.lines.map((l) => ({ ...l, site: site.name })));
  const alarms = useAsync(async () => (await api(`/api/v1/kpis/alarms${qs({ state: 'open', limit: 100 })}`)).items, [], 10000);
  const maint = useAsync(() => api(`/api/v1/kpis/maintenance${qs({ state: 'open', limit: 20 })}`), [], 30000);

  return (
    <div class="stack">
      <section class="panel">
        <div class="panel-head">
          <h2>OEE per line</h2>
          <div class="segmented" role="group" aria-label="time range">
            {Object.keys(RANGES).map((r) => <button key={r} class={range === r ? 'active' : ''} onClick={() => setRange(r)}>last {r}</button>)}
          </div>
        </div>
        <ErrorBox error={plant.error} retry={plant.reload} />
        {plant.loading && !plant.data && <Spinner />}
        {plant.data && lines.length === 0 && <Empty>No production lines registered yet.</Empty>}
        <div class="cards">
          {lines.map((l) => <OeeCard key={l.id} line={l} range={range} />)}
        </div>
      </section>
      <div class="split">
        <section class="panel grow">
          <div class="panel-head"><h2>Active KPI alarms</h2><span class="muted small">{alarms.data ? `${alarms.data.length} open` : ''}</span></div>
          <ErrorBox error={alarms.error} retry={alarms.reload} />
          {alarms.loading && !alarms.data && <Spinner />}
          {alarms.data?.length === 0 && <Empty>No open alarms.</Empty>}
          {alarms.data?.length > 0 && (
            <div class="table-scroll"><table class="table" data-testid="alarm-table">
              <thead><tr><th>Severity</th><th>Alarm</th><th>Where</th><th>Value</th><th>Raised</th><th>State</th><th /></tr></thead>
              <tbody>
                {alarms.data.map((a) => (
                  <tr key={a.id} data-alarm={a.id}>
                    <td><Badge kind={a.severity === 'critical' ? 'danger' : a.severity === 'warning' ? 'warn' : 'neutral'}>{a.severity}</Badge></td>
                    <td>{a.description || `${a.metric || a.kpi} ${a.operator} ${a.threshold}`}<div class="muted small mono">{a.metric || a.kpi} {a.operator} {a.threshold}</div></td>
                    <td class={a.assetTag ? 'mono' : 'mono wrap'}>{a.assetTag || a.scope}</td>
                    <td>{fmtNum(a.raiseValue, 3)}</td>
                    <td>{fmtAgo(a.raisedAt)}</td>
                    <td>{a.state === 'acknowledged' ? <span title={a.ackComment || ''}><Badge kind="muted">acknowledged</Badge> <span class="small muted">by {a.acknowledgedBy}</span></span> : <Badge kind="danger">{a.state}</Badge>}</td>
                    <td class="right">
                      {caps.ackAlarm && a.state === 'active' && (
                        <ActionButton label="Acknowledge" done="Alarm acknowledged" testid="ack-alarm"
                          run={() => api(`/api/v1/kpis/alarms/${a.id}/acknowledge`, { method: 'POST', body: { comment: 'acknowledged in the console' } })}
                          onDone={alarms.reload} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </section>
        <section class="panel side">
          <div class="panel-head"><h2>Maintenance predictions</h2></div>
          <ErrorBox error={maint.error} retry={maint.reload} />
          {maint.data?.length === 0 && <Empty>No open recommendations: no bound condition is trending towards its threshold.</Empty>}
          <ul class="predictions">
            {maint.data?.map((m) => (
              <li key={m.id || `${m.assetTag}${m.metric}`} class={`prediction sev-${m.severity}`}>
                <div class="row"><strong class="mono">{m.assetTag || m.asset}</strong><Badge kind={m.severity === 'crossed' ? 'danger' : m.severity === 'imminent' ? 'warn' : 'neutral'}>{m.severity}</Badge></div>
                <div>{m.label || m.metric}</div>
                <div class="muted small">
                  {m.hoursToCrossing === 0 ? 'threshold crossed' : `crossing in ${fmtNum(m.hoursToCrossing, 1)} h`} · risk {fmtNum(m.risk, 2)} · confidence {fmtNum(m.confidence * 100, 0)} %
                </div>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
