// Security alerts (security-analyst, admin): by severity, with their ATT&CK for ICS techniques; acknowledge, resolve,
// and quarantine the asset of an alert (a response action of security-service, which calls asset-service).
import { useState } from 'preact/hooks';
import { api, qs } from './api.js';
import { ActionButton, Badge, Empty, ErrorBox, Spinner, fmtAgo, useAsync } from './ui.jsx';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const sevKind = { critical: 'danger', high: 'warn-strong', medium: 'warn', low: 'info', info: 'muted' };
const OPEN = ['new', 'acknowledged', 'in-progress'];

async function loadAlerts(stateFilter) {
  const all = [];
  let cursor;
  do {
    // the list filters one state at a time: the open ones are picked here
    const page = await api(`/api/v1/security/alerts${qs({ limit: 200, cursor })}`);
    all.push(...page.items.filter((a) => stateFilter !== 'open' || OPEN.includes(a.state)));
    cursor = page.nextCursor;
  } while (cursor && all.length < 1000);
  return all;
}

export function SecurityView({ caps }) {
  const [stateFilter, setStateFilter] = useState('open');
  const [sev, setSev] = useState(null);
  const alerts = useAsync(() => loadAlerts(stateFilter), [stateFilter], 10000);
  const list = (alerts.data || []).filter((a) => !sev || a.severity === sev)
    .sort((a, b) => b.score - a.score || new Date(b.lastSeen) - new Date(a.lastSeen));
  const SHOWN = 200;
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, (alerts.data || []).filter((a) => a.severity === s).length]));
  const transition = (a, state, note) => api(`/api/v1/security/alerts/${a.id}/transition`, { method: 'POST', body: { state, note } });

  return (
    <div class="stack">
      <div class="sev-strip" role="group" aria-label="severity filter">
        {SEVERITIES.map((s) => (
          <button key={s} class={`sev-tile sev-${s} ${sev === s ? 'active' : ''}`} onClick={() => setSev(sev === s ? null : s)} data-testid={`sev-${s}`}>
            <span class="sev-count">{counts[s]}</span><span class="sev-name">{s}</span>
          </button>
        ))}
      </div>
      <section class="panel">
        <div class="panel-head">
          <h2>Security alerts{sev ? ` · ${sev}` : ''}</h2>
          <div class="segmented" role="group" aria-label="alert state">
            <button class={stateFilter === 'open' ? 'active' : ''} onClick={() => setStateFilter('open')}>open</button>
            <button class={stateFilter === 'all' ? 'active' : ''} onClick={() => setStateFilter('all')}>all</button>
          </div>
        </div>
        <ErrorBox error={alerts.error} retry={alerts.reload} />
        {alerts.loading && !alerts.data && <Spinner />}
        {alerts.data && list.length === 0 && <Empty>No {stateFilter === 'open' ? 'open ' : ''}alerts{sev ? ` of severity ${sev}` : ''}.</Empty>}
        {list.length > 0 && (
          <table class="table" data-testid="alert-table">
            <thead><tr><th>Severity</th><th>Alert</th><th>ATT&amp;CK for ICS</th><th>Asset</th><th>Seen</th><th>State</th><th /></tr></thead>
            <tbody>
              {list.slice(0, SHOWN).map((a) => {
                const quarantined = (a.responses || []).some((r) => r.action === 'quarantine-asset' && r.outcome === 'succeeded');
                return (
                  <tr key={a.id} data-alert={a.ruleId}>
                    <td><Badge kind={sevKind[a.severity]}>{a.severity}</Badge><div class="muted small">score {a.score}</div></td>
                    <td>{a.title}<div class="muted small">rule {a.ruleId}</div></td>
                    <td>{(a.techniques || []).length === 0 ? <span class="muted">—</span> : a.techniques.map((t) => (
                      <div key={t.id} class="technique" title={(t.tactics || []).join(', ')}><span class="mono">{t.id}</span> {t.name}</div>
                    ))}</td>
                    <td class="mono">{a.assetTag || '—'}</td>
                    <td>{a.count}× · {fmtAgo(a.lastSeen)}</td>
                    <td><Badge kind={a.state === 'new' ? 'danger' : OPEN.includes(a.state) ? 'warn' : 'muted'}>{a.state}</Badge>{quarantined && <div><Badge kind="danger">asset quarantined</Badge></div>}</td>
                    <td class="right actions">
                      {caps.security && a.state === 'new' && (
                        <ActionButton label="Acknowledge" done="Alert acknowledged" kind="secondary" testid="alert-ack"
                          run={() => transition(a, 'acknowledged', 'acknowledged in the console')} onDone={alerts.reload} />
                      )}
                      {caps.security && OPEN.includes(a.state) && (
                        <ActionButton label="Resolve" done="Alert resolved" kind="secondary" testid="alert-resolve"
                          run={() => transition(a, 'resolved', 'resolved in the console')} onDone={alerts.reload} />
                      )}
                      {caps.quarantine && a.assetId && OPEN.includes(a.state) && !quarantined && (
                        <ActionButton label="Quarantine asset" done={`${a.assetTag || 'Asset'} quarantined`} kind="danger" testid="alert-quarantine"
                          confirm={`Quarantine ${a.assetTag || 'the asset'}? Its telemetry will be refused until an analyst releases it.`}
                          run={() => api(`/api/v1/security/alerts/${a.id}/actions/quarantine-asset`, { method: 'POST', body: { reason: `alert ${a.ruleId}: ${a.title}` } })}
                          onDone={alerts.reload} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {list.length > SHOWN && <div class="muted small more">{SHOWN} of {list.length} alerts shown, highest score first: filter by severity to see the others.</div>}
      </section>
    </div>
  );
}
